import MatrixCore

/// The live pane: starting one run at a time, cancelling it, hiding the pane, folding the run's
/// events in, and showing the recorded verdict in the grid.
extension ExplorerState {
    mutating func live(_ action: Action) -> [Effect] {
        switch action {
        case .liveTest:
            return startLiveTest()
        case .cancelLiveTest:
            if batch?.running == true { return cancelBatch() }
            guard var pane = livePane else {
                statusMessage = StatusMessage("No live test is running (t starts one)")
                return []
            }
            if pane.running {
                guard !pane.cancelling else { return [] }
                pane.cancelling = true
                pane.visible = true
                livePane = pane
                return [.cancelLiveTest]
            }
            livePane = nil          // finished: Esc/x close the pane
            scrollToCursor()
        case .toggleLivePane:
            guard livePane != nil else {
                statusMessage = StatusMessage("No live test yet (t starts one)")
                return []
            }
            livePane?.visible.toggle()
            scrollToCursor()
        case .cycleFeatureBackend:
            featureBackend = LiveTarget.nextFeatureBackend(after: featureBackend)
            let applies = tab.grid.kind == .features ? "" : " (on feature matrices; this one tests its backend columns)"
            statusMessage = StatusMessage("t/T run feature cells on \(featureBackend)\(applies)")
        case .toggleRayExecutor:
            rayAddress = rayAddress == nil ? rayChoice : nil
            statusMessage = StatusMessage(rayAddress.map { "T runs batches on the Ray cluster at \($0) (connects when a batch starts)" }
                                          ?? "T runs batches on this machine's warm workers")
        case .scrollLiveLog(let delta):
            guard var pane = livePane else { return [] }
            pane.scrollLog(by: delta)
            livePane = pane
        case .liveEvent(let event):
            livePane?.apply(event)
        case .liveTick(let elapsed):
            guard livePane?.running == true else { return [] }
            livePane?.elapsed = elapsed
            livePane?.spinner += 1
        case .liveFinished(let run):
            guard livePane != nil else { return [] }
            livePane?.finish(run)
            return [.recordLiveRun(run)]
        case .liveRecorded(let run):
            livePane?.recordedID = run.id
        case .liveRecordFailed(let message):
            livePane?.recordError = message
            statusMessage = StatusMessage("The run was not recorded: \(message)", isError: true)
        case .gridReloaded(let loaded):
            // A non-default view reloads as that view (the engine reloads the default grid).
            if let index = tabs.firstIndex(where: { $0.grid.name == loaded.grid.name }), !tabs[index].environments.isEmpty {
                return [.loadEnvironmentView(matrix: loaded.grid.name, current: tabs[index].environments,
                                             exactly: tabs[index].environments)]
            }
            replaceGrid(loaded.grid)
            return detailEffects()
        case .environmentViewLoaded(let loaded, let environments):
            guard let index = tabs.firstIndex(where: { $0.grid.name == loaded.grid.name }) else { return [] }
            tabs[index].environments = environments
            replaceGrid(loaded.grid)
            statusMessage = StatusMessage("Environments: " + EnvironmentViews.label(environments))
            return detailEffects()
        default:
            break
        }
        return []
    }

    /// Whether the action only reports on the run, so it must not clear a status message.
    static func isLiveReport(_ action: Action) -> Bool {
        switch action {
        case .liveEvent, .liveTick, .liveFinished, .liveRecorded, .gridReloaded, .environmentViewLoaded, .liveLogSaved, .liveLogSaveFailed,
             .batchTestStarted, .batchTestFinished, .batchTick, .batchFinished: true
        default: false
        }
    }

    // MARK: - Starting

    mutating func startLiveTest() -> [Effect] {
        guard let row = tab.currentRow, let column = tab.currentStatusColumn else {
            statusMessage = StatusMessage("Move the cursor onto a status cell to live-test it")
            return []
        }
        guard liveTestAvailable else {
            statusMessage = StatusMessage("Live tests need the live-test engine (run the infermatrix binary)")
            return []
        }
        if let batch, batch.running {
            statusMessage = StatusMessage("A batch is in progress (\(batch.progress.done)/\(batch.progress.total)); x cancels the rest",
                                          isError: true)
            return []
        }
        if let pane = livePane, pane.running {
            livePane?.visible = true
            statusMessage = StatusMessage("A live test is in progress (\(pane.target.row) · \(pane.target.columnTitle)); x cancels it",
                                          isError: true)
            return []
        }
        let target = LiveTarget(grid: tab.grid, row: row, column: column, featureBackend: featureBackend)
        livePane = LivePaneState(target: target)
        scrollToCursor()
        return [.startLiveTest(target)]
    }

    // MARK: - Results in the grid

    /// Puts a reloaded grid in its tab, keeping the tab's filter (re-evaluated, so `status:` and
    /// `changed:` terms and the counts see the live result), cursor and marks.
    mutating func replaceGrid(_ grid: MatrixGrid) {
        guard let index = tabs.firstIndex(where: { $0.grid.name == grid.name }) else { return }
        let keep = activeTab
        activeTab = index
        if tab.grid.rowKeys == grid.rowKeys && tab.grid.columns.map(\.key) == grid.columns.map(\.key) {
            tab.grid = grid
            tab.searchIndex = nil
        } else {
            // The matrix changed shape underneath (a re-import, another environment view): marks
            // would point elsewhere; the filter, the environments and the arrangement stay.
            let previous = tabs[index]
            tabs[index] = TabState(grid: grid)
            tabs[index].filterText = previous.filterText
            tabs[index].environments = previous.environments
            tabs[index].arrangement = previous.arrangement
            tabs[index].lastRun = previous.lastRun
        }
        setFilter(tab.filterText)
        activeTab = keep
        scrollToCursor()
    }
}

import MatrixCore

/// Batch runs (`T`): asking for confirmation, following the tests as they run (the current one in
/// the live pane, the grid reloaded after each), cancelling the rest, and the summary at the end.
/// One run or batch at a time.
extension ExplorerState {
    mutating func batchAction(_ action: Action) -> [Effect] {
        switch action {
        case .batchTest:
            askForBatch()
        case .confirmBatch:
            guard case .confirmBatch(let plan) = modal else { return [] }
            modal = .none
            return startBatch(plan)
        case .closeBatchSummary:
            if case .batchSummary = modal { modal = .none }
            if batch?.running == false { batch = nil }
        case .batchTestStarted(let index, let cell):
            guard batch?.running == true else { return [] }
            batch?.current = index
            let visible = livePane?.visible ?? true
            var pane = LivePaneState(target: LiveTarget(cell: cell, grid: grid(named: cell.request.matrix)))
            pane.visible = visible
            pane.cancelling = batch?.cancelling ?? false
            livePane = pane
        case .batchTestFinished(let outcome, let progress):
            guard batch != nil else { return [] }
            let elapsed = batch?.elapsed ?? 0
            batch?.progress = progress
            batch?.elapsed = max(elapsed, progress.elapsed)
            if var pane = livePane, pane.running, pane.target.row == outcome.cell.request.row,
               pane.target.column == outcome.cell.request.columnKey {
                pane.finish(outcome.run)
                pane.recordedID = outcome.run.id
                livePane = pane
            }
            return [.reloadGrid(matrix: outcome.cell.request.matrix)]
        case .batchTick(let elapsed, let testElapsed):
            guard batch?.running == true else { return [] }
            batch?.elapsed = elapsed
            if livePane?.running == true {
                livePane?.elapsed = testElapsed
                livePane?.spinner += 1
            }
        case .batchFinished(let summary, let cancelled, let elapsed):
            guard batch != nil else { return [] }
            batch?.cancelling = false
            batch?.summary = summary
            batch?.cancelled = cancelled
            batch?.elapsed = elapsed
            batch?.current = nil
            if livePane?.running == true { livePane = nil }     // cancelled before its first test started
            modal = .batchSummary
            scrollToCursor()
        case .batchExecutorFailed(let why):
            statusMessage = StatusMessage(why, isError: true)
        default:
            break
        }
        return []
    }

    // MARK: - Starting

    /// `T`: the plan for the active tab, put to the person as a question (nothing starts yet).
    mutating func askForBatch() {
        guard liveTestAvailable else {
            statusMessage = StatusMessage("Batch tests need the live-test engine (run the infermatrix binary)")
            return
        }
        if let batch, batch.running {
            statusMessage = StatusMessage("A batch is in progress (\(batch.progress.done)/\(batch.progress.total)); x cancels the rest",
                                          isError: true)
            return
        }
        if let pane = livePane, pane.running {
            statusMessage = StatusMessage("A live test is in progress (\(pane.target.row) · \(pane.target.columnTitle)); x cancels it",
                                          isError: true)
            return
        }
        switch BatchPlan.make(for: tab, featureBackend: featureBackend) {
        case .success(var plan):
            plan.rayAddress = rayAddress
            modal = .confirmBatch(plan)
        case .failure(let error): statusMessage = StatusMessage(error.message, isError: true)
        }
    }

    mutating func startBatch(_ plan: BatchPlan) -> [Effect] {
        batch = BatchState(plan: plan)
        // The pane shows the first cell at once; each started test replaces it.
        var pane = LivePaneState(target: LiveTarget(cell: plan.cells[0], grid: grid(named: plan.matrix)))
        pane.visible = livePane?.visible ?? true
        livePane = pane
        scrollToCursor()
        return [.startBatch(plan)]
    }

    /// `x` while a batch runs: stop the queue and cancel the test in flight.
    mutating func cancelBatch() -> [Effect] {
        guard batch?.cancelling == false else { return [] }
        batch?.cancelling = true
        if livePane?.running == true { livePane?.cancelling = true }
        statusMessage = StatusMessage("Cancelling the rest of the batch (recorded runs stay)")
        return [.cancelBatch]
    }

    func grid(named name: String) -> MatrixGrid? {
        tabs.first { $0.grid.name == name }?.grid
    }
}

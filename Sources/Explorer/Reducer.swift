import MatrixCore
import Screen

/// The explorer's one state transition: pure, no I/O. Effects are requests for the app loop.
///
/// ```swift
/// let (next, effects) = reduce(state, .nextFailure)
/// ```
public func reduce(_ state: ExplorerState, _ action: Action) -> (ExplorerState, [Effect]) {
    var state = state
    let effects = state.apply(action)
    return (state, effects)
}

extension ExplorerState {
    /// Applies an action in place and returns the effects it asks for.
    public mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .resize(let w, let h):
            width = max(1, w)
            height = max(1, h)
            if hasTabs { scrollToCursor() }
            return []
        case .redraw:
            return [.repaint]
        case .quit:
            quitting = true
            return [.saveSession(SessionState(self)), .quit]
        case .cellDetailLoaded(let detail):
            detail.map { self.detail = $0 }
            if linkPending, hasTabs {
                linkPending = false
                return openLink()
            }
            return []
        case .notesFound(let matrix, let matches):
            notesFound(matrix: matrix, matches: matches)
            return []
        case .restoreSession(let session):
            restore(session)
            return detailEffects() + askForNotes()
        default:
            break
        }
        guard hasTabs else { return [] }
        let previousCell = cursorCellKey
        statusMessageDecay(for: action)
        var effects: [Effect]
        switch action {
        case .moveCursor, .page, .home, .end, .top, .bottom, .nextTab, .prevTab, .selectTab,
             .nextFailure, .prevFailure, .mouseClick, .mouseWheel:
            effects = navigate(action)
        case .openQuery, .typeQuery, .typeText, .backspace, .acceptQuery, .clearFilter, .openToggles, .moveToggle, .toggleItem:
            effects = filter(action)
        case .openSaveView, .typeViewName, .confirmSaveView, .openViews, .moveViews, .pickView, .applyView,
             .viewSaved, .viewSaveFailed:
            effects = views(action)
        case .openSummary, .moveSummary, .openSummaryCell:
            effects = summary(action)
        case .sortRows, .cycleSortKey, .hideColumn, .showAllColumns, .moveColumn, .resizeColumn, .autoWidth, .lastRunsLoaded:
            effects = arrange(action)
        case .toggleDetail, .markRow, .markCell, .markRange, .markAllMatching, .clearMarks:
            effects = mark(action)
        case .openExport, .cycleFormat, .typePath, .exportConfirm, .confirmOverwrite, .copyMarkdown,
             .exportFinished, .exportFailed, .copied:
            effects = export(action)
        case .cycleEnvironments:
            effects = [.loadEnvironmentView(matrix: tab.grid.name, current: tab.environments, exactly: nil)]
        case .openLink, .linkOpened, .linkFailed:
            effects = link(action)
        case .toggleLogFollow, .searchLiveLog, .typeLogSearch, .eraseLogSearch, .acceptLogSearch, .nextLogMatch,
             .clearLogSearch, .saveLiveLog, .liveLogSaved, .liveLogSaveFailed, .toggleWrap:
            effects = liveLog(action)
        case .liveTest, .cancelLiveTest, .toggleLivePane, .scrollLiveLog, .cycleFeatureBackend, .toggleRayExecutor, .liveEvent, .liveTick,
             .liveFinished, .liveRecorded, .liveRecordFailed, .gridReloaded, .environmentViewLoaded:
            effects = live(action)
        case .batchTest, .confirmBatch, .closeBatchSummary, .batchTestStarted, .batchTestFinished, .batchTick,
             .batchFinished, .batchExecutorFailed:
            effects = batchAction(action)
        case .help:
            modal = .help(scroll: 0)
            effects = []
        case .scrollHelp(let delta):
            if case .help(let scroll) = modal {
                let last = max(0, Painter.helpLines(glyphs: glyphs).count - Painter.helpPage(height: height))
                modal = .help(scroll: max(0, min(last, scroll + delta)))
            }
            effects = []
        case .pageHelp(let direction):
            effects = apply(.scrollHelp(direction * Painter.helpPage(height: height)))
        case .toggleLegend:
            legendInFooter.toggle()
            scrollToCursor()
            effects = []
        case .cancel:
            modal = .none
            effects = []
        default:
            effects = []
        }
        if cursorCellKey != previousCell { linkIndex = 0 }
        if detailVisible && cursorCellKey != previousCell { effects += detailEffects() }
        return effects + askForNotes()
    }

    // MARK: - Cursor helpers

    /// Identifies the cell under the cursor across tabs, for "did the cursor move" checks.
    var cursorCellKey: String {
        guard hasTabs, let row = tab.currentRow else { return "" }
        return "\(activeTab)/\(row)/\(tab.cursorColumn)"
    }

    /// Keeps the cursor in range and on screen.
    mutating func scrollToCursor() {
        tab.clampCursor()
        Layout(self).scrollToCursor(&tabs[activeTab], glyphs: glyphs)
    }

    /// Asks for the detail of the cell under the cursor.
    func detailEffects() -> [Effect] {
        guard detailVisible, hasTabs, let row = tab.currentRow else { return [] }
        // A side-by-side sub-column (`vllm@cpu-vllm-0.32`) is its column's cell.
        let column = tab.currentStatusColumn.map { MatrixGrid.splitSubColumnKey(tab.grid.columns[$0].key).column }
        return [.loadCellDetail(matrix: tab.grid.name, row: tab.grid.rowKeys[row], column: column)]
    }

    /// Messages last until the next key that is not just a resize.
    mutating func statusMessageDecay(for action: Action) {
        switch action {
        case .exportFinished, .exportFailed, .copied, .resize, .cellDetailLoaded, .linkOpened, .linkFailed,
             .lastRunsLoaded, .viewSaved, .viewSaveFailed: break
        case _ where Self.isLiveReport(action): break
        default: statusMessage = nil
        }
    }

    // MARK: - Session

    /// Puts back each tab's filter, arrangement and cursor, and says so in the status line when a
    /// filter came back (a grid that opens narrowed without a word looks like missing rows).
    mutating func restore(_ session: SessionState) {
        var restored: [String] = []
        for index in tabs.indices {
            guard let saved = session.tabs[tabs[index].grid.name] else { continue }
            let keep = activeTab
            activeTab = index
            tab.arrangement = saved.arrangement ?? GridArrangement()
            setFilter(saved.filter)
            if !saved.filter.trimmingCharacters(in: .whitespaces).isEmpty {
                restored.append("\(Layout.tabTitle(tab.grid)) /\(saved.filter)")
            }
            if let key = saved.cursorRowKey, let gridRow = tab.grid.rowKeys.firstIndex(of: key),
               let position = tab.selection.rows.firstIndex(of: gridRow) {
                tab.cursorRow = position
            }
            tab.cursorColumn = saved.cursorColumn
            scrollToCursor()
            activeTab = keep
        }
        if let name = session.activeMatrix, let index = tabs.firstIndex(where: { $0.grid.name == name }) {
            activeTab = index
        }
        if !restored.isEmpty {
            statusMessage = StatusMessage("Restored from the last session: " + restored.joined(separator: ", ") + " · Esc clears the filter")
        }
    }
}

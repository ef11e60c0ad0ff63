import MatrixCore
import Screen

/// Everything that can happen to the explorer: key presses mapped by the ``Keymap``, mouse and
/// resize events, and the answers of effects the app loop performed.
///
/// ```swift
/// reduce(state, .typeQuery("v"))
/// reduce(state, .resize(width: 120, height: 40))
/// ```
public enum Action: Sendable, Hashable {
    // MARK: Navigation
    case moveCursor(dx: Int, dy: Int)
    case page(Int)
    case home, end, top, bottom
    case nextTab, prevTab
    case selectTab(Int)
    case nextFailure, prevFailure

    // MARK: Filter
    case openQuery
    case typeQuery(Character)
    /// A burst of characters typed into the `/` line at once (a paste): one refilter for all of
    /// them (``ExplorerState/nextAction(in:keymap:)`` folds a burst into it).
    case typeText(String)
    case backspace
    case acceptQuery
    case clearFilter
    case openToggles
    case moveToggle(Int)
    case toggleItem

    // MARK: Marks and detail
    case toggleDetail
    case markRow, markCell, markRange, markAllMatching, clearMarks

    // MARK: View: sort, columns, widths (``GridArrangement``)
    /// `[` / `]`: sort rows within sections, ascending / descending (by name until `O` picks a key).
    case sortRows(descending: Bool)
    /// `O`: sort by the next key: name → failures → pass rate → last run → the document's order.
    case cycleSortKey
    /// `H`: hide the current column; `U` shows the hidden ones again.
    case hideColumn
    case showAllColumns
    /// `<` / `>`: move the current status column left / right.
    case moveColumn(Int)
    /// `_` / `-`: widen / narrow the current column (steps of four).
    case resizeColumn(Int)
    /// `=`: the current column back to its automatic width.
    case autoWidth

    // MARK: Summary sheet
    /// `F`: the summary sheet of the view (``SummarySheet``).
    case openSummary
    /// Move the sheet's cursor: lines (`dy`) and status columns (`dx`).
    case moveSummary(dx: Int, dy: Int)
    /// Enter on the sheet: the grid filtered to the section, column and status under the cursor.
    case openSummaryCell

    // MARK: Saved views (``SavedView``)
    /// `W`: name the current view and save it to the user's config.
    case openSaveView
    case typeViewName(Character)
    case confirmSaveView
    /// `v`: the list of saved views.
    case openViews
    case moveViews(Int)
    /// Enter on the list: apply the view under the cursor.
    case pickView
    /// Apply a view: its matrix's tab, query, arrangement and environments (`--view NAME` too).
    case applyView(SavedView)
    /// The answers of ``Effect/saveView(_:)``.
    case viewSaved(SavedView)
    case viewSaveFailed(String)

    // MARK: Export and clipboard
    case openExport
    case cycleFormat(Int)
    case typePath(Character)
    case exportConfirm
    case confirmOverwrite
    case copyMarkdown

    // MARK: Live test
    /// `t`: test the cell under the cursor (one run at a time).
    case liveTest
    /// `x`, or Esc on the pane: cancel the run; once it finished, Esc closes the pane.
    case cancelLiveTest
    /// `p`: hide or show the pane; the run goes on either way.
    case toggleLivePane
    /// Scroll the pane's log by lines (negative: back).
    case scrollLiveLog(Int)
    /// `F`: the log follows new lines, or holds still.
    case toggleLogFollow
    /// `s`: search the pane's log (a search line opens in the pane).
    case searchLiveLog
    /// A character typed into the log's search line.
    case typeLogSearch(Character)
    case eraseLogSearch
    /// Enter on the search line: keep the search, go to the first match from the view.
    case acceptLogSearch
    /// `n`/`N` while a log search is active: the next or previous match (the view moves to it).
    case nextLogMatch(Int)
    /// Esc while a log search is active: the search ends, the view stays.
    case clearLogSearch
    /// `S`: write the pane's whole log to a file (``Effect/saveLiveLog(_:)``).
    case saveLiveLog
    /// `w`: wrap the pane's and the detail pane's lines at word boundaries, or cut them to one line.
    case toggleWrap
    /// `o`: the cell's next link (in its note, footnotes, source): opened with `$BROWSER`, else
    /// copied through OSC 52 (``Effect/openLink(_:)``).
    case openLink
    /// The link was opened with `browser`, or copied when it is nil.
    case linkOpened(url: String, browser: String?)
    case linkFailed(String)
    /// `b`: the next backend for `t`/`T` on feature matrices (pytorch → vllm → tensorrt).
    case cycleFeatureBackend
    /// `E`: the next environment view of this tab (``EnvironmentViews``).
    case cycleEnvironments
    /// `R`: `T` runs batches on the local pool ↔ on the Ray cluster at ``ExplorerState/rayChoice``.
    case toggleRayExecutor

    // MARK: Batch
    /// `T`: batch-test the marked rows or cells (or the view); asks for confirmation first.
    case batchTest
    /// `y` on the confirmation: start the batch.
    case confirmBatch
    /// Esc on the summary panel.
    case closeBatchSummary

    // MARK: Other
    case help
    case scrollHelp(Int)
    /// PgUp/PgDn in the help overlay: a screenful back (-1) or on (1).
    case pageHelp(Int)
    /// `i`: the legend (``Legend``) in the footer on/off.
    case toggleLegend
    case cancel
    case resize(width: Int, height: Int)
    case mouseClick(x: Int, y: Int)
    case mouseWheel(Int)
    /// Ctrl-L: rewrite every cell of the terminal (``Effect/repaint``).
    case redraw
    case quit

    // MARK: Answers of effects
    case cellDetailLoaded(CellDetail?)
    /// The data source's full-text answers for free words of a matrix's query (word → rows).
    case notesFound(matrix: String, matches: [String: Set<Int>])
    /// Each row's latest run time for a matrix (the answer to ``Effect/loadLastRuns(matrix:)``).
    case lastRunsLoaded(matrix: String, times: [String: Double])
    case exportFinished(path: String, rows: Int)
    case exportFailed(ExportWriteError, ExportRequest)
    case copied(rows: Int)
    case restoreSession(SessionState)
    /// Something the running live test reported (its verdict comes as ``liveFinished(_:)``).
    case liveEvent(RunUpdate)
    /// The app loop's clock while a run goes on: seconds since it was asked for.
    case liveTick(elapsed: Double)
    /// The run's verdict (the engine's `LiveRun`, not yet recorded).
    case liveFinished(LiveRun)
    /// The run as recorded (with its database id).
    case liveRecorded(LiveRun)
    case liveRecordFailed(String)
    /// The pane's log was written to this absolute path.
    case liveLogSaved(path: String, lines: Int)
    case liveLogSaveFailed(String)
    /// A matrix's grid reloaded with its live results (after a run was recorded).
    case gridReloaded(LoadedGrid)
    /// A tab's grid in the environment view `environments` (empty: the default view).
    case environmentViewLoaded(LoadedGrid, environments: [String])
    /// Test `index` of the batch's plan started (its events follow as ``liveEvent(_:)``).
    case batchTestStarted(index: Int, cell: BatchCell)
    /// A batch's test finished and was recorded.
    case batchTestFinished(BatchOutcome, BatchProgress)
    /// The app loop's clock while a batch runs: seconds since it started, and since its current test started.
    case batchTick(elapsed: Double, testElapsed: Double)
    /// The batch ended (all done or cancelled): its comparison with the imported matrix.
    case batchFinished(BatchSummary, cancelled: Bool, elapsed: Double)
    /// The batch's executor could not start (the Ray cluster is unreachable): why, naming the address.
    case batchExecutorFailed(String)
}

/// A freshly loaded grid inside an ``Action`` (which must be `Hashable`): equal when the cells are.
public struct LoadedGrid: Sendable, Hashable {
    public var grid: MatrixGrid
    public init(_ grid: MatrixGrid) { self.grid = grid }

    public static func == (lhs: LoadedGrid, rhs: LoadedGrid) -> Bool {
        lhs.grid.name == rhs.grid.name && lhs.grid.rowKeys == rhs.grid.rowKeys
            && lhs.grid.statuses == rhs.grid.statuses && lhs.grid.cellFlags == rhs.grid.cellFlags
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(grid.name)
        hasher.combine(grid.statuses)
        hasher.combine(grid.cellFlags)
    }
}

/// A request the reducer makes and the app loop performs (the reducer never does I/O).
public enum Effect: Sendable, Hashable {
    case loadCellDetail(matrix: String, row: String, column: String?)
    /// Ask the data source's full-text index which rows' notes match each word (answers
    /// ``Action/notesFound(matrix:matches:)``).
    case searchNotes(matrix: String, words: [String])
    /// Ask for each row's latest run time (the `last run` sort); answers ``Action/lastRunsLoaded(matrix:times:)``.
    case loadLastRuns(matrix: String)
    /// Save a view to the user's config (answers ``Action/viewSaved(_:)`` or ``Action/viewSaveFailed(_:)``).
    case saveView(SavedView)
    case writeExport(ExportRequest, overwrite: Bool)
    /// Copy the request's rows as Markdown through OSC 52.
    case copyToClipboard(ExportRequest)
    case saveSession(SessionState)
    /// Start the engine on a cell; its updates come back as ``Action/liveEvent(_:)`` and
    /// ``Action/liveFinished(_:)``.
    case startLiveTest(LiveTarget)
    /// Write a live run's log to a new file in the working directory (answers
    /// ``Action/liveLogSaved(path:lines:)`` with the absolute path, or ``Action/liveLogSaveFailed(_:)``).
    case saveLiveLog(LiveLogFile)
    /// Open a link with `$BROWSER` where one is configured, else copy it through OSC 52 (answers
    /// ``Action/linkOpened(url:browser:)`` or ``Action/linkFailed(_:)``).
    case openLink(String)
    /// Kill the running test's process group.
    case cancelLiveTest
    /// Record the verdict in the database, answer ``Action/liveRecorded(_:)`` and reload the
    /// matrix's grid (``Action/gridReloaded(_:)``).
    case recordLiveRun(LiveRun)
    /// Run the plan's cells on the explorer's warm workers (each recorded as it finishes); the
    /// updates come back as the `batch…` actions.
    case startBatch(BatchPlan)
    /// Cancel the rest of the batch (the test in flight is cancelled; recorded runs stay).
    case cancelBatch
    /// Reload a matrix's grid with its live results (answers ``Action/gridReloaded(_:)``).
    case reloadGrid(matrix: String)
    /// Load the environment view after `current` in the matrix's cycle (``EnvironmentViews``), or
    /// exactly `environments` when given; answers ``Action/environmentViewLoaded(_:environments:)``.
    case loadEnvironmentView(matrix: String, current: [String], exactly: [String]?)
    /// Rewrite the whole terminal on the next frame (Ctrl-L).
    case repaint
    case quit
}

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
    case backspace
    case acceptQuery
    case clearFilter
    case openToggles
    case moveToggle(Int)
    case toggleItem

    // MARK: Marks and detail
    case toggleDetail
    case markRow, markCell, markRange, markAllMatching, clearMarks

    // MARK: Export and clipboard
    case openExport
    case cycleFormat(Int)
    case typePath(Character)
    case exportConfirm
    case confirmOverwrite
    case copyMarkdown

    // MARK: Other
    case liveTest
    case help
    case scrollHelp(Int)
    case cancel
    case resize(width: Int, height: Int)
    case mouseClick(x: Int, y: Int)
    case mouseWheel(Int)
    case quit

    // MARK: Answers of effects
    case cellDetailLoaded(CellDetail?)
    case exportFinished(path: String, rows: Int)
    case exportFailed(ExportWriteError, ExportRequest)
    case copied(rows: Int)
    case restoreSession(SessionState)
}

/// A request the reducer makes and the app loop performs (the reducer never does I/O).
public enum Effect: Sendable, Hashable {
    case loadCellDetail(matrix: String, row: String, column: String?)
    case writeExport(ExportRequest, overwrite: Bool)
    /// Copy the request's rows as Markdown through OSC 52.
    case copyToClipboard(ExportRequest)
    case saveSession(SessionState)
    case startLiveTest(matrix: String, row: String, column: String)
    case quit
}

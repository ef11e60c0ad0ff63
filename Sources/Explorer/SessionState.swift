import Foundation
import MatrixCore

/// What survives a restart: per matrix the filter, cursor and arrangement, and the active tab.
/// Stored as JSON at `$XDG_STATE_HOME/infermatrix/session.json`.
///
/// ```swift
/// let session = SessionState(state)
/// try session.save(to: SessionState.defaultURL())
/// ```
public struct SessionState: Codable, Sendable, Hashable {
    public struct Tab: Codable, Sendable, Hashable {
        public var filter: String
        public var cursorRowKey: String?
        public var cursorColumn: Int
        /// Sort, hidden and moved columns, widths (absent in files written before they existed).
        public var arrangement: GridArrangement?
        public init(filter: String, cursorRowKey: String?, cursorColumn: Int, arrangement: GridArrangement? = nil) {
            self.filter = filter
            self.cursorRowKey = cursorRowKey
            self.cursorColumn = cursorColumn
            self.arrangement = arrangement
        }
    }
    public var activeMatrix: String?
    public var tabs: [String: Tab]

    public init(activeMatrix: String?, tabs: [String: Tab]) {
        self.activeMatrix = activeMatrix
        self.tabs = tabs
    }

    /// Captures a state's tabs.
    public init(_ state: ExplorerState) {
        var tabs: [String: Tab] = [:]
        for tab in state.tabs {
            tabs[tab.grid.name] = Tab(filter: tab.filterText, cursorRowKey: tab.currentRow.map { tab.grid.rowKeys[$0] },
                                      cursorColumn: tab.cursorColumn,
                                      arrangement: tab.arrangement.isDefault ? nil : tab.arrangement)
        }
        self.init(activeMatrix: state.hasTabs ? state.tab.grid.name : nil, tabs: tabs)
    }

    // MARK: - File

    /// `$XDG_STATE_HOME/infermatrix/session.json`, default `~/.local/state/infermatrix/session.json`.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/state")
        return base.appendingPathComponent("infermatrix/session.json")
    }

    public static func load(from url: URL) -> SessionState? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(SessionState.self, from: data)
    }

    /// Writes the file (``OutputFile``: atomic for a regular file; a symlink stays a link).
    public func save(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try OutputFile(path: url.path, waitsForReader: false).write(encoder.encode(self))
    }
}

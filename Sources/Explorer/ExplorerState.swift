import MatrixCore
import Screen

/// The explorer's whole state: a plain value changed only by ``reduce(_:_:)``.
///
/// ```swift
/// var state = ExplorerState(grids: try source.grids(), width: 120, height: 40)
/// (state, effects) = reduce(state, .moveCursor(dx: 0, dy: 1))
/// ```
public struct ExplorerState: Sendable {
    public var tabs: [TabState]
    public var activeTab: Int = 0
    public var modal: Modal = .none
    public var detailVisible: Bool = false
    /// The detail of the cell under the cursor, once the data source has answered.
    public var detail: CellDetail?
    public var statusMessage: StatusMessage?
    public var theme: Theme
    public var glyphs: GlyphSet
    public var width: Int
    public var height: Int
    /// Set by `q`; the app loop ends when it sees it.
    public var quitting: Bool = false
    /// Whether a live-test engine is plugged in (the app loop sets it); without one `t` says so.
    public var liveTestAvailable: Bool = false
    /// The live-test pane: the run in progress or the last one; nil before the first `t`.
    public var livePane: LivePaneState?
    /// The batch `T` started (running, or ended with its summary); nil otherwise.
    public var batch: BatchState?
    /// Whether the live pane's and the detail pane's lines wrap at word boundaries (`w`); off,
    /// each is cut to one line ending in `…`.
    public var wrapLines = true
    /// How many of the cell's links `o` went through (the next press takes the next one).
    public var linkIndex = 0
    /// `o` waits for the cell's detail to arrive before it opens a link.
    public var linkPending = false
    /// The backend `t`/`T` use on feature matrices (`b` cycles pytorch → vllm → tensorrt).
    public var featureBackend: String = LiveTarget.defaultFeatureBackend
    /// Where `T` runs batches: nil on this machine's warm workers, else the Ray cluster at this
    /// address (`R` switches between them; docs/ray.md). Shown in the status bar.
    public var rayAddress: String?
    /// The address `R` switches to: `explore --ray ADDRESS`, else RAY_ADDRESS, else `local` (the app sets it).
    public var rayChoice: String = "local"
    /// The user's saved views (the app loads them; `W` adds one, `v` lists them).
    public var savedViews: [SavedView] = []
    /// Where exports go by default and what relative export paths mean: the app sets the
    /// absolute directory it started in.
    public var exportDirectory: String = "."
    /// `i`: the legend's lines sit above the filter line (``Layout/legendLines``).
    public var legendInFooter = false

    public init(grids: [MatrixGrid], width: Int = 80, height: Int = 24, theme: Theme = .dark,
                glyphs: GlyphSet = .emoji) {
        tabs = grids.map(TabState.init)
        self.width = width
        self.height = height
        self.theme = theme
        self.glyphs = glyphs
    }

    public var tab: TabState {
        get { tabs[activeTab] }
        set { tabs[activeTab] = newValue }
    }

    public var hasTabs: Bool { !tabs.isEmpty }

    /// Smallest terminal the explorer draws in; below it a message says how big to make it.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}

/// The overlay or input line that has the keyboard, if any.
public enum Modal: Sendable, Hashable {
    case none
    /// The `/` line: keys edit the active tab's filter.
    case query
    case quickToggles(QuickToggles)
    case export(ExportDialog)
    case help(scroll: Int)
    /// The export file exists; `y` replaces it.
    case confirmOverwrite(ExportRequest)
    /// `T` asks: `Test 45 cells on pytorch? y/n`.
    case confirmBatch(BatchPlan)
    /// The batch ended: its summary against the imported matrix (``ExplorerState/batch``).
    case batchSummary
    /// `F`: statuses per section × column of the view.
    case summary(SummarySheet)
    /// `W`: the name to save the current view under.
    case saveView(name: String)
    /// `v`: the saved views, the cursor on one.
    case views(cursor: Int)
}

/// The `f` overlay: columns and statuses that toggle query terms on and off.
public struct QuickToggles: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var label: String
        /// The query term the item adds (`backend:vllm`, `status:failed`).
        public var term: String
    }
    public var items: [Item]
    public var cursor: Int = 0
}

/// The `e` dialog: format and path.
public struct ExportDialog: Sendable, Hashable {
    public var format: ExportFormat
    public var path: String
    /// Whether the person typed in the path (then a format change keeps it).
    public var pathEdited: Bool = false
    public var rowCount: Int

    /// `/home/me/work/infermatrix-params.csv`: in the directory the explorer started in (the app
    /// sets ``ExplorerState/exportDirectory`` to it, absolute), so the dialog shows where it writes.
    public static func defaultPath(matrix: String, format: ExportFormat, directory: String) -> String {
        absolute("infermatrix-\(matrix).\(format.fileExtension)", in: directory)
    }

    /// A typed path made absolute against `directory` (absolute and `~` paths stay as typed).
    public static func absolute(_ path: String, in directory: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix("~") { return path }
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}

/// A one-line message in the filter line: information or an error.
public struct StatusMessage: Sendable, Hashable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

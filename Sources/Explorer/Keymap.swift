import Screen

/// Where a key binding applies: the grid, or the overlay that has the keyboard.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    case grid, query, toggles, export, help, confirm
    /// The live pane is shown: its keys first, then the grid's (the grid stays usable).
    case live
    /// A log search is active in the live pane: its keys, then the pane's, then the grid's.
    case liveSearch
    /// The live pane's search line has the keyboard.
    case logSearch
    case batchConfirm, batchSummary
    case summary, saveView, views

    /// The heading of the context's section in the help overlay.
    public var title: String {
        switch self {
        case .grid: "Grid"
        case .query: "Query line (/)"
        case .toggles: "Quick toggles (f)"
        case .export: "Export dialog (e)"
        case .help: "Help (?)"
        case .confirm: "Overwrite?"
        case .live: "Live pane (t)"
        case .liveSearch: "Live pane, searching its log"
        case .logSearch: "Live pane's search line (s)"
        case .batchConfirm: "Batch test? (T)"
        case .batchSummary: "Batch summary"
        case .summary: "Summary sheet (F)"
        case .saveView: "Save the view (W)"
        case .views: "Saved views (v)"
        }
    }
}

/// One entry of the keymap: a key, what it does, a help line and where it applies.
public struct KeyBinding: Sendable, Hashable {
    public var key: Key
    public var action: Action
    public var help: String
    public var context: KeyContext

    public init(_ key: Key, _ action: Action, _ help: String, _ context: KeyContext = .grid) {
        self.key = key
        self.action = action
        self.help = help
        self.context = context
    }
}

/// The single keymap table (VisiData style): it drives key handling *and* the `?` overlay.
///
/// ```swift
/// Keymap.standard.action(for: .char("j"), in: .grid)   // .moveCursor(dx: 0, dy: 1)
/// Keymap.standard.bindings(in: .grid).map(\.help)      // lines of the help overlay
/// ```
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    // MARK: - Lookup

    /// The action a key triggers in a context. Printable characters that are not bound type
    /// into the query line or the export path.
    public func action(for key: Key, in context: KeyContext) -> Action? {
        if let binding = bindings.first(where: { $0.key == key && $0.context == context }) { return binding.action }
        if case .char(let c) = key {
            switch context {
            case .query: return .typeQuery(c)
            case .export: return .typePath(c)
            case .logSearch: return .typeLogSearch(c)
            case .saveView: return .typeViewName(c)
            default: break
            }
        }
        return nil
    }

    public func bindings(in context: KeyContext) -> [KeyBinding] { bindings.filter { $0.context == context } }

    /// Help lines per context: keys sharing one action and help are listed together (`↓ j`).
    public func helpSections() -> [(title: String, lines: [(keys: String, help: String)])] {
        KeyContext.allCases.map { context in
            var lines: [(keys: String, help: String)] = []
            for binding in bindings(in: context) {
                if let index = lines.firstIndex(where: { $0.help == binding.help }) {
                    lines[index].keys += " " + binding.key.label
                } else {
                    lines.append((binding.key.label, binding.help))
                }
            }
            return (context.title, lines)
        }
    }

    // MARK: - The standard keymap

    public static let standard = Keymap(bindings: [
        KeyBinding(.up, .moveCursor(dx: 0, dy: -1), "move up"),
        KeyBinding(.char("k"), .moveCursor(dx: 0, dy: -1), "move up"),
        KeyBinding(.down, .moveCursor(dx: 0, dy: 1), "move down"),
        KeyBinding(.char("j"), .moveCursor(dx: 0, dy: 1), "move down"),
        KeyBinding(.left, .moveCursor(dx: -1, dy: 0), "move left"),
        KeyBinding(.char("h"), .moveCursor(dx: -1, dy: 0), "move left"),
        KeyBinding(.right, .moveCursor(dx: 1, dy: 0), "move right"),
        KeyBinding(.char("l"), .moveCursor(dx: 1, dy: 0), "move right"),
        KeyBinding(.pageUp, .page(-1), "page up"),
        KeyBinding(.pageDown, .page(1), "page down"),
        KeyBinding(.home, .home, "first column"),
        KeyBinding(.end, .end, "last column"),
        KeyBinding(.char("g"), .top, "first row"),
        KeyBinding(.char("G"), .bottom, "last row"),
        KeyBinding(.tab, .nextTab, "next matrix"),
        KeyBinding(.backTab, .prevTab, "previous matrix"),
        KeyBinding(.char("1"), .selectTab(0), "matrix 1…4"),
        KeyBinding(.char("2"), .selectTab(1), "matrix 1…4"),
        KeyBinding(.char("3"), .selectTab(2), "matrix 1…4"),
        KeyBinding(.char("4"), .selectTab(3), "matrix 1…4"),
        KeyBinding(.char("n"), .nextFailure, "next failure"),
        KeyBinding(.char("N"), .prevFailure, "previous failure"),
        KeyBinding(.char("/"), .openQuery, "filter (query language)"),
        KeyBinding(.char("f"), .openToggles, "quick toggles: columns, statuses"),
        KeyBinding(.escape, .clearFilter, "clear filter"),
        KeyBinding(.enter, .toggleDetail, "detail pane on/off"),
        KeyBinding(.char(" "), .markRow, "mark row"),
        KeyBinding(.char("m"), .markCell, "mark cell"),
        KeyBinding(.char("V"), .markRange, "mark range (press at both ends)"),
        KeyBinding(.char("a"), .markAllMatching, "mark all rows matching the filter"),
        KeyBinding(.char("u"), .clearMarks, "clear marks"),
        KeyBinding(.char("e"), .openExport, "export marked rows (or the view)"),
        KeyBinding(.char("y"), .copyMarkdown, "copy as Markdown (OSC 52)"),
        KeyBinding(.ctrl("l"), .redraw, "repaint the whole screen"),
        KeyBinding(.char("t"), .liveTest, "live-test the cell (opens the live pane)"),
        KeyBinding(.char("T"), .batchTest, "batch-test marked rows/cells (or the view); asks first"),
        KeyBinding(.char("b"), .cycleFeatureBackend, "feature matrices: t/T backend pytorch → vllm → tensorrt"),
        KeyBinding(.char("E"), .cycleEnvironments, "environments: default → doc → each one → all side by side"),
        KeyBinding(.char("R"), .toggleRayExecutor, "T runs batches on: local workers ↔ Ray cluster (--ray, RAY_ADDRESS, else local)"),
        KeyBinding(.char("x"), .cancelLiveTest, "cancel the live test or the rest of the batch"),
        KeyBinding(.char("p"), .toggleLivePane, "hide/show the live pane (the run goes on)"),
        KeyBinding(.char("o"), .openLink, "open the cell's link with $BROWSER, else copy it (OSC 52); again: the next link"),
        KeyBinding(.char("w"), .toggleWrap, "wrap the live pane's and detail lines, or cut them to one line"),
        KeyBinding(.char("["), .sortRows(descending: false), "sort rows within sections, ascending"),
        KeyBinding(.char("]"), .sortRows(descending: true), "sort rows within sections, descending"),
        KeyBinding(.char("O"), .cycleSortKey, "sort by: name → failures → pass rate → last run → document order"),
        KeyBinding(.char("H"), .hideColumn, "hide the current column"),
        KeyBinding(.char("U"), .showAllColumns, "show the hidden columns again"),
        KeyBinding(.char("<"), .moveColumn(-1), "move the status column left"),
        KeyBinding(.char(">"), .moveColumn(1), "move the status column right"),
        KeyBinding(.char("_"), .resizeColumn(1), "widen the current column"),
        KeyBinding(.char("-"), .resizeColumn(-1), "narrow the current column"),
        KeyBinding(.char("="), .autoWidth, "the current column back to its automatic width"),
        KeyBinding(.char("F"), .openSummary, "summary sheet: statuses per section × column (Enter filters the grid)"),
        KeyBinding(.char("W"), .openSaveView, "save the view (query, columns, sort, environments) under a name"),
        KeyBinding(.char("v"), .openViews, "saved views: pick one (also --view NAME)"),
        KeyBinding(.char("i"), .toggleLegend, "legend (what ✅ * L ~ ! mean) in the footer on/off"),
        KeyBinding(.char("?"), .help, "this help and the legend"),
        KeyBinding(.char("q"), .quit, "quit"),
        KeyBinding(.ctrl("c"), .quit, "quit"),

        KeyBinding(.enter, .acceptQuery, "keep the filter", .query),
        KeyBinding(.escape, .clearFilter, "clear the filter", .query),
        KeyBinding(.backspace, .backspace, "delete a character", .query),
        KeyBinding(.ctrl("c"), .quit, "quit", .query),

        KeyBinding(.up, .moveToggle(-1), "move up", .toggles),
        KeyBinding(.down, .moveToggle(1), "move down", .toggles),
        KeyBinding(.char("k"), .moveToggle(-1), "move up", .toggles),
        KeyBinding(.char("j"), .moveToggle(1), "move down", .toggles),
        KeyBinding(.char(" "), .toggleItem, "toggle the term", .toggles),
        KeyBinding(.enter, .cancel, "close", .toggles),
        KeyBinding(.escape, .cancel, "close", .toggles),

        KeyBinding(.left, .cycleFormat(-1), "previous format", .export),
        KeyBinding(.right, .cycleFormat(1), "next format", .export),
        KeyBinding(.tab, .cycleFormat(1), "next format", .export),
        KeyBinding(.backspace, .backspace, "edit the path", .export),
        KeyBinding(.enter, .exportConfirm, "write the file", .export),
        KeyBinding(.escape, .cancel, "cancel", .export),

        KeyBinding(.up, .scrollHelp(-1), "scroll", .help),
        KeyBinding(.down, .scrollHelp(1), "scroll", .help),
        KeyBinding(.pageUp, .pageHelp(-1), "page up", .help),
        KeyBinding(.pageDown, .pageHelp(1), "page down", .help),
        KeyBinding(.escape, .cancel, "close", .help),
        KeyBinding(.char("?"), .cancel, "close", .help),
        KeyBinding(.char("q"), .cancel, "close", .help),

        KeyBinding(.escape, .cancelLiveTest, "cancel the run; close the pane once it finished", .live),
        KeyBinding(.char("x"), .cancelLiveTest, "cancel the run; close the pane once it finished", .live),
        KeyBinding(.char("{"), .scrollLiveLog(-5), "scroll the log back (it holds still)", .live),
        KeyBinding(.char("}"), .scrollLiveLog(5), "scroll the log forward (to the end: follow)", .live),
        KeyBinding(.char("F"), .toggleLogFollow, "log: follow new lines on/off", .live),
        KeyBinding(.char("s"), .searchLiveLog, "search the log (matches highlighted in place)", .live),
        KeyBinding(.char("S"), .saveLiveLog, "save the whole log to a file (its path is shown)", .live),

        KeyBinding(.char("n"), .nextLogMatch(1), "next match in the log", .liveSearch),
        KeyBinding(.char("N"), .nextLogMatch(-1), "previous match in the log", .liveSearch),
        KeyBinding(.char("s"), .searchLiveLog, "a new search", .liveSearch),
        KeyBinding(.escape, .clearLogSearch, "end the search", .liveSearch),

        KeyBinding(.enter, .acceptLogSearch, "go to the first match", .logSearch),
        KeyBinding(.escape, .clearLogSearch, "cancel the search", .logSearch),
        KeyBinding(.backspace, .eraseLogSearch, "delete a character", .logSearch),
        KeyBinding(.ctrl("c"), .quit, "quit", .logSearch),

        KeyBinding(.char("y"), .confirmBatch, "start the batch", .batchConfirm),
        KeyBinding(.char("n"), .cancel, "do not start it", .batchConfirm),
        KeyBinding(.escape, .cancel, "do not start it", .batchConfirm),
        KeyBinding(.ctrl("c"), .quit, "quit", .batchConfirm),

        KeyBinding(.escape, .closeBatchSummary, "close the summary", .batchSummary),
        KeyBinding(.enter, .closeBatchSummary, "close the summary", .batchSummary),
        KeyBinding(.char("q"), .closeBatchSummary, "close the summary", .batchSummary),
        KeyBinding(.ctrl("c"), .quit, "quit", .batchSummary),

        KeyBinding(.up, .moveSummary(dx: 0, dy: -1), "move up", .summary),
        KeyBinding(.char("k"), .moveSummary(dx: 0, dy: -1), "move up", .summary),
        KeyBinding(.down, .moveSummary(dx: 0, dy: 1), "move down", .summary),
        KeyBinding(.char("j"), .moveSummary(dx: 0, dy: 1), "move down", .summary),
        KeyBinding(.left, .moveSummary(dx: -1, dy: 0), "previous status", .summary),
        KeyBinding(.char("h"), .moveSummary(dx: -1, dy: 0), "previous status", .summary),
        KeyBinding(.right, .moveSummary(dx: 1, dy: 0), "next status", .summary),
        KeyBinding(.char("l"), .moveSummary(dx: 1, dy: 0), "next status", .summary),
        KeyBinding(.pageUp, .moveSummary(dx: 0, dy: -10), "ten lines up", .summary),
        KeyBinding(.pageDown, .moveSummary(dx: 0, dy: 10), "ten lines down", .summary),
        KeyBinding(.enter, .openSummaryCell, "the grid filtered to this section, column and status", .summary),
        KeyBinding(.escape, .cancel, "back to the grid", .summary),
        KeyBinding(.char("q"), .cancel, "back to the grid", .summary),
        KeyBinding(.char("F"), .cancel, "back to the grid", .summary),
        KeyBinding(.ctrl("c"), .quit, "quit", .summary),

        KeyBinding(.enter, .pickView, "apply the view", .views),
        KeyBinding(.up, .moveViews(-1), "move up", .views),
        KeyBinding(.down, .moveViews(1), "move down", .views),
        KeyBinding(.escape, .cancel, "close", .views),
        KeyBinding(.char("q"), .cancel, "close", .views),

        KeyBinding(.enter, .confirmSaveView, "save it", .saveView),
        KeyBinding(.backspace, .backspace, "delete a character", .saveView),
        KeyBinding(.escape, .cancel, "do not save", .saveView),
        KeyBinding(.ctrl("c"), .quit, "quit", .saveView),

        KeyBinding(.char("y"), .confirmOverwrite, "overwrite the file", .confirm),
        KeyBinding(.char("n"), .cancel, "keep the file", .confirm),
        KeyBinding(.escape, .cancel, "keep the file", .confirm),
    ])
}

extension ExplorerState {
    /// The keymap context of the current modal.
    public var keyContext: KeyContext {
        switch modal {
        case .none:
            if let pane = livePane, pane.visible {
                pane.search.map { $0.editing ? .logSearch : .liveSearch } ?? .live
            } else {
                .grid
            }
        case .query: .query
        case .quickToggles: .toggles
        case .export: .export
        case .help: .help
        case .confirmOverwrite: .confirm
        case .confirmBatch: .batchConfirm
        case .batchSummary: .batchSummary
        case .summary: .summary
        case .saveView: .saveView
        case .views: .views
        }
    }

    /// The action that starts a burst of keys read at once, and how many keys it stands for.
    /// Characters typed into the `/` line fold into one ``Action/typeText(_:)`` (a 10,000-character
    /// paste refilters once, not 10,000 times); an Esc right after them wins: the text is never
    /// filtered, the filter is cleared.
    ///
    /// ```swift
    /// state.nextAction(in: [.char("v"), .char("l"), .enter][...])   // (.typeText("vl"), 2)
    /// ```
    public func nextAction(in keys: ArraySlice<Key>, keymap: Keymap = .standard) -> (action: Action?, consumed: Int) {
        guard let first = keys.first else { return (nil, 0) }
        guard keyContext == .query else { return (action(for: first, keymap: keymap), 1) }
        // Characters the query line binds (none today) end the text; the rest type.
        let bound = Set(keymap.bindings(in: .query).map(\.key))
        var text = ""
        var index = keys.startIndex
        while index < keys.endIndex, case .char(let character) = keys[index], !bound.contains(keys[index]) {
            text.append(character)
            index += 1
        }
        let typed = index - keys.startIndex
        if typed > 0, index < keys.endIndex, keymap.action(for: keys[index], in: .query) == .clearFilter {
            return (.clearFilter, typed + 1)
        }
        if typed > 1 { return (.typeText(text), typed) }
        return (action(for: first, keymap: keymap), 1)
    }

    /// Whether a point is on the shown live pane (the wheel scrolls its log there).
    func overLivePane(x: Int, y: Int) -> Bool {
        guard modal == .none, livePane?.visible == true, hasTabs else { return false }
        let layout = Layout(self)
        return (layout.paneX..<(layout.paneX + layout.paneWidth)).contains(x)
            && (layout.detailTop..<(layout.detailTop + layout.detailHeight)).contains(y)
    }

    /// Turns a key into an action through the keymap (mouse and resize map directly).
    public func action(for key: Key, keymap: Keymap = .standard) -> Action? {
        switch key {
        case .resize(let w, let h): return .resize(width: w, height: h)
        case .hangup: return .quit
        case .mouse(.click(let x, let y)): return .mouseClick(x: x, y: y)
        case .mouse(.wheelUp(let x, let y)): return overLivePane(x: x, y: y) ? .scrollLiveLog(-3) : .mouseWheel(-3)
        case .mouse(.wheelDown(let x, let y)): return overLivePane(x: x, y: y) ? .scrollLiveLog(3) : .mouseWheel(3)
        default:
            // The pane's contexts fall back to the pane's keys, then the grid's.
            let fallbacks: [KeyContext] = switch keyContext {
            case .liveSearch: [.liveSearch, .live, .grid]
            case .live: [.live, .grid]
            case let context: [context]
            }
            return fallbacks.lazy.compactMap { keymap.action(for: key, in: $0) }.first
        }
    }
}

import MatrixCore
import Screen

/// Where everything goes on screen for a state: computed, never stored, so the reducer (cursor
/// visibility, mouse hits) and the renderer always agree.
///
/// ```
/// 0  tabs                          1  per-column counts
/// 2  frozen header row             3… grid (frozen first column)
///    detail or live pane (below)   h-2 filter / message line    h-1 status bar
/// ```
/// The legend (`i`) takes lines above the filter line.
/// From ``besideMinimumWidth`` columns on, the live pane goes beside the grid instead of below.
public struct Layout: Sendable, Hashable {
    public static let tabBarY = 0
    public static let countsY = 1
    public static let headerY = 2
    public static let gridTop = 3

    /// Terminals at least this wide show the live pane right of the grid, full height.
    public static let besideMinimumWidth = 140

    public var width: Int
    public var height: Int
    /// First line below the grid (exclusive end).
    public var gridBottom: Int
    /// Columns the grid may use (the whole width unless the live pane is beside it).
    public var gridWidth: Int
    /// The pane's rectangle: its first line (the title) and height, left column and width.
    public var detailTop: Int
    public var detailHeight: Int
    public var paneX: Int = 0
    public var paneWidth: Int
    /// The live pane sits right of the grid (wide terminals) rather than below it.
    public var paneBeside = false
    /// The legend's lines (`i`), drawn just above the filter line; empty when it is off.
    public var legendLines: [String] = []
    public var legendY: Int { height - 2 - legendLines.count }
    public var filterY: Int { height - 2 }
    public var statusY: Int { height - 1 }
    public var gridHeight: Int { max(1, gridBottom - Self.gridTop) }
    /// Width of the frozen first column (row names), including the mark marker.
    public var frozenWidth: Int

    public init(_ state: ExplorerState) {
        width = state.width
        height = state.height
        let live = state.livePane?.visible == true
        if state.legendInFooter { legendLines = Legend(glyphs: state.glyphs).lines(width: state.width - 2) }
        let footer = 2 + legendLines.count
        gridWidth = state.width
        paneWidth = state.width
        if live && state.width >= Self.besideMinimumWidth {
            paneBeside = true
            paneWidth = max(56, state.width / 2)
            gridWidth = state.width - paneWidth
            paneX = gridWidth
            gridBottom = max(Self.gridTop + 1, state.height - footer)
            detailTop = Self.headerY
            detailHeight = gridBottom - Self.headerY
        } else {
            // The live pane has more to show than the detail pane: a little more room.
            let paneLines = live ? max(8, state.height * 2 / 5) : state.detailVisible ? max(6, state.height / 3) : 0
            detailHeight = paneLines
            gridBottom = max(Self.gridTop + 1, state.height - footer - paneLines)
            detailTop = gridBottom
        }
        frozenWidth = state.hasTabs ? Self.fit(state.tab, gridWidth: gridWidth, glyphs: state.glyphs).frozenWidth
            : max(16, gridWidth * 2 / 5)
    }

    // MARK: - Columns

    /// One shown column: its display index, left edge and width (including its one-space gap).
    public typealias ShownColumn = (index: Int, x: Int, width: Int)

    /// A display column's width: what the person chose (`_`, `-`), else `compact` (the width it
    /// starts at) or `natural` (its widest header or value, what it grows to when there is room).
    public static func columnWidth(_ column: DisplayColumn, tab: TabState, glyphs: GlyphSet,
                                   natural: Bool = false) -> Int {
        if let chosen = tab.arrangement.widths[tab.arrangementKey(column)] { return chosen }
        switch column {
        case .attribute(let index):
            let header = tab.grid.attributeNames[index].count
            return (natural ? max(header, tab.attributeWidths[index]) : min(28, max(12, header))) + 1
        case .status(let index):
            let glyph = glyphs.maxWidth + 2   // glyph and up to two marks (``CellMarker``)
            let title = DisplayWidth.of(tab.grid.columns[index].title)
            // The counts line above the column: `26/43`, and ` ❌9 ⚠️8` when there is room (``CountsLine``).
            let counts = tab.counts.first { $0.column == index }.map { CountsLine.widths($0, glyphs: glyphs) } ?? (first: 0, all: 0)
            return max(glyph, counts.first, natural ? min(40, max(title, counts.all)) : min(12, title)) + 1
        }
    }

    /// The frozen column and the display columns that fit from the tab's column offset. Columns
    /// start compact; the room left over goes first to row names, then to cut headers and values,
    /// so names and headers use the whole width (even beside the live pane).
    public static func fit(_ tab: TabState, gridWidth: Int, glyphs: GlyphSet) -> (frozenWidth: Int, columns: [ShownColumn]) {
        let frozenNatural = tab.rowKeyWidth + 3
        var frozen = min(frozenNatural, max(16, gridWidth * 2 / 5))
        var widths: [(index: Int, width: Int, natural: Int)] = []
        var x = frozen
        var index = tab.columnOffset
        while index < tab.displayColumnCount, let column = tab.displayColumn(index) {
            let w = columnWidth(column, tab: tab, glyphs: glyphs)
            if x + w > gridWidth && !widths.isEmpty { break }
            widths.append((index, min(w, gridWidth - x), columnWidth(column, tab: tab, glyphs: glyphs, natural: true)))
            x += w
            index += 1
        }
        var spare = max(0, gridWidth - x)
        let growName = max(0, min(spare, frozenNatural - frozen))
        frozen += growName
        spare -= growName
        var result: [ShownColumn] = []
        x = frozen
        for column in widths {
            let grow = max(0, min(spare, column.natural - column.width))
            spare -= grow
            result.append((column.index, x, column.width + grow))
            x += column.width + grow
        }
        return (frozen, result)
    }

    /// The display columns that fit, from the tab's column offset: index, x and width.
    public func visibleColumns(_ tab: TabState, glyphs: GlyphSet) -> [ShownColumn] {
        Self.fit(tab, gridWidth: gridWidth, glyphs: glyphs).columns
    }

    // MARK: - Lines

    /// What one grid line shows: a section separator or a selected row (index into the selection).
    public enum GridLine: Sendable, Hashable {
        case separator(String)
        case row(Int)
    }

    /// The grid lines from the tab's row offset, at most ``gridHeight`` of them.
    public func gridLines(_ tab: TabState) -> [GridLine] {
        Self.lines(tab, from: tab.rowOffset, limit: gridHeight)
    }

    static func lines(_ tab: TabState, from offset: Int, limit: Int) -> [GridLine] {
        var lines: [GridLine] = []
        var index = max(0, offset)
        let rows = tab.selection.rows
        let sections = !tab.grid.sectionNames.isEmpty
        while lines.count < limit && index < rows.count {
            if sections && index > offset || sections && index == 0 {
                let current = tab.grid.sectionIndex[rows[index]]
                let previous = index > 0 ? tab.grid.sectionIndex[rows[index - 1]] : -2
                if current != previous && current >= 0 {
                    lines.append(.separator(tab.grid.sectionNames[Int(current)]))
                    if lines.count >= limit { break }
                }
            }
            lines.append(.row(index))
            index += 1
        }
        return lines
    }

    /// Moves the tab's offsets so the cursor row and column are on screen.
    public func scrollToCursor(_ tab: inout TabState, glyphs: GlyphSet) {
        if tab.cursorRow < tab.rowOffset { tab.rowOffset = tab.cursorRow }
        if tab.cursorRow >= tab.rowOffset + gridHeight { tab.rowOffset = tab.cursorRow - gridHeight + 1 }
        while tab.rowOffset < tab.cursorRow && !Self.lines(tab, from: tab.rowOffset, limit: gridHeight).contains(.row(tab.cursorRow)) {
            tab.rowOffset += 1
        }
        tab.rowOffset = max(0, tab.rowOffset)
        if tab.cursorColumn < tab.columnOffset { tab.columnOffset = tab.cursorColumn }
        while tab.columnOffset < tab.cursorColumn && !visibleColumns(tab, glyphs: glyphs).contains(where: { $0.index == tab.cursorColumn }) {
            tab.columnOffset += 1
        }
        tab.columnOffset = max(0, tab.columnOffset)
    }

    // MARK: - Tabs

    /// The tab bar's labels and where they start: ` 1 Parameters `.
    public static func tabLabels(_ state: ExplorerState) -> [(label: String, x: Int)] {
        var x = 0
        return state.tabs.enumerated().map { index, tab in
            let label = " \(index + 1) \(tabTitle(tab.grid)) "
            defer { x += DisplayWidth.of(label) + 1 }
            return (label, x)
        }
    }

    /// `Parameters`, `Models`, `Features`, `Multimodal`; the grid's title for other names.
    public static func tabTitle(_ grid: MatrixGrid) -> String {
        switch grid.name {
        case "params": "Parameters"
        case "models": "Models"
        case "features": "Features"
        case "multimodal": "Multimodal"
        default: grid.name.prefix(1).uppercased() + grid.name.dropFirst()
        }
    }
}

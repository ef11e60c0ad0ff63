import MatrixCore

/// One matrix tab, like a VisiData sheet: its grid, filter, selection, cursor, scroll and marks.
///
/// The cursor row is an index into ``selection``'s rows; marks are grid row indices so they
/// survive a change of filter.
///
/// ```swift
/// var tab = TabState(grid: MatrixGrid(params))
/// tab.currentRow   // grid index of the row under the cursor
/// ```
public struct TabState: Sendable {
    public var grid: MatrixGrid { didSet { sortedGrid = nil } }
    /// The environments the grid shows (`["doc", "cpu·vllm 0.32"]`: side by side); empty: the
    /// default view (each column's own backend's latest verdicts). `E` cycles it.
    public var environments: [String] = []
    public var filterText: String = ""
    /// The longest query the `/` line takes: far beyond any real query, short enough that a
    /// pasted megabyte costs one cheap refilter rather than minutes (issue 14 D10).
    public static let maximumQueryLength = 2_000
    public var query: Query?
    public var queryError: QueryError?
    public var selection: Selection
    /// Per selected status column: counts over the selected rows (the counts line, ``CountsLine``).
    public var counts: [ColumnSummary] = []
    public var cursorRow: Int = 0
    /// Index into ``displayColumns``.
    public var cursorColumn: Int = 0
    public var rowOffset: Int = 0
    public var columnOffset: Int = 0
    public var markedRows: Set<Int> = []
    public var markedCells: Set<CellRef> = []
    /// Where `V` started a range, as a grid row index.
    public var rangeAnchor: Int?
    /// Lowercased texts for free-word and `model:` terms, built on the first filter.
    public var searchIndex: GridSearchIndex?
    /// Rows whose notes match a free word, as the data source's full-text index answered
    /// (``Effect/searchNotes(matrix:words:)``); a word not here yet matches row names only.
    public var noteMatches: [String: Set<Int>] = [:]
    /// Words already asked about (answered or not), so each is asked once.
    public var notesAsked: Set<String> = []
    /// Sort, hidden and moved columns, widths: applied to every selection (``GridArrangement``).
    public var arrangement = GridArrangement()
    /// Each row's latest live run (seconds since 1970), for the `last run` sort; asked for
    /// (``Effect/loadLastRuns(matrix:)``) the first time that sort is chosen.
    public var lastRun: [String: Double]? { didSet { sortedGrid = nil } }
    /// Every grid row in the current sort over the shown columns, kept between keystrokes so a
    /// filter keystroke only picks its rows out of it (rebuilt when the sort, columns or grid change).
    private var sortedGrid: (sort: RowSort, columns: [Int], rows: [Int])?
    /// The text columns shown, in order (the arrangement's hidden ones left out).
    public private(set) var shownAttributes: [Int]
    /// Widest row name (in columns, capped), measured once.
    public let rowKeyWidth: Int
    /// Per attribute, its widest value or header (capped), measured once: the width it grows to
    /// when the screen has room.
    public let attributeWidths: [Int]

    public init(grid: MatrixGrid) {
        self.grid = grid
        selection = Selection(rows: Array(0..<grid.rowCount), columns: Array(0..<grid.columnCount))
        var widest = DisplayWidthCache.width(grid.rowHeader)
        for key in grid.rowKeys where key.utf8.count > widest {
            widest = key.utf8.count
            if widest >= 60 { break }
        }
        rowKeyWidth = widest
        attributeWidths = grid.attributeNames.indices.map { index in
            var widest = DisplayWidthCache.width(grid.attributeNames[index])
            for row in grid.attributes where row[index].utf8.count > widest {
                widest = DisplayWidthCache.width(row[index])
                if widest >= 60 { break }
            }
            return min(60, widest)
        }
        shownAttributes = Array(grid.attributeNames.indices)
        counts = grid.summary(rows: selection.rows, columns: selection.columns)
    }

    /// The query's selection as the arrangement shows it; keeps ``shownAttributes`` in step.
    mutating func arrange(_ selected: Selection) {
        if let sort = arrangement.sort {
            let columns = arrangement.shownColumns(selected.columns, in: grid)
            if sortedGrid?.sort != sort || sortedGrid?.columns != columns {
                sortedGrid = (sort, columns, sort.sorted(Array(0..<grid.rowCount), in: grid, columns: columns, lastRun: lastRun ?? [:]))
            }
        }
        selection = arrangement.arrange(selected, in: grid, lastRun: lastRun ?? [:],
                                        sortedGrid: arrangement.sort == nil ? nil : sortedGrid?.rows)
        shownAttributes = arrangement.shownAttributes(of: grid)
    }

    // MARK: - Columns

    /// The columns shown right of the frozen row name: text columns, then the selected status columns.
    public var displayColumns: [DisplayColumn] {
        shownAttributes.map(DisplayColumn.attribute) + selection.columns.map(DisplayColumn.status)
    }

    public var displayColumnCount: Int { shownAttributes.count + selection.columns.count }

    public func displayColumn(_ index: Int) -> DisplayColumn? {
        let attributes = shownAttributes.count
        if index < 0 { return nil }
        if index < attributes { return .attribute(shownAttributes[index]) }
        let status = index - attributes
        return status < selection.columns.count ? .status(selection.columns[status]) : nil
    }

    // MARK: - Cursor

    /// The grid index of the row under the cursor, nil when the filter matched nothing.
    public var currentRow: Int? {
        selection.rows.indices.contains(cursorRow) ? selection.rows[cursorRow] : nil
    }

    /// The grid column index under the cursor, when it is on a status column.
    public var currentStatusColumn: Int? {
        if case .status(let column) = displayColumn(cursorColumn) { return column }
        return nil
    }

    /// Keeps the cursor inside the selection.
    mutating func clampCursor() {
        cursorRow = max(0, min(cursorRow, selection.rows.count - 1))
        cursorColumn = max(0, min(cursorColumn, displayColumnCount - 1))
    }

    /// Rows to export or copy: the marked rows in display order, or the whole filtered view.
    public var rowsForExport: [Int] {
        let cellRows = Set(markedCells.map(\.row))
        let marked = markedRows.union(cellRows)
        if marked.isEmpty { return selection.rows }
        return selection.rows.filter { marked.contains($0) } + marked.subtracting(selection.rows).sorted()
    }
}

/// A column of the grid as shown: a text column (attribute) or a status column.
public enum DisplayColumn: Sendable, Hashable {
    case attribute(Int)
    case status(Int)
}

extension TabState {
    /// The name the arrangement knows a display column by: its status column key or attribute name.
    public func arrangementKey(_ column: DisplayColumn) -> String {
        switch column {
        case .attribute(let index): grid.attributeNames[index]
        case .status(let index): grid.columns[index].key
        }
    }

    /// The title a display column's header shows.
    public func title(_ column: DisplayColumn) -> String {
        switch column {
        case .attribute(let index): grid.attributeNames[index]
        case .status(let index): grid.columns[index].title
        }
    }
}

/// A cell by grid row and grid column indices (made inside the explorer only: its memberwise init).
public struct CellRef: Sendable, Hashable {
    public var row: Int
    public var column: Int
}

/// Width of short strings, without importing Screen's measurement into hot loops.
enum DisplayWidthCache {
    static func width(_ text: String) -> Int { text.count }
}

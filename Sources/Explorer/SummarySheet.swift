import MatrixCore

/// The `F` sheet (VisiData's Shift-F frequency table): for each section × shown status column of
/// the view, how many cells have each status, and the pass rate. Enter on a count opens the grid
/// filtered to that section, column and status.
///
/// ```swift
/// let sheet = SummarySheet(tab)
/// sheet.lines[0].summary.failed      // failures in the first section's first column
/// sheet.query(adding: tab.filterText) // "section:\"Core Settings\" backend:vllm status:failed"
/// ```
public struct SummarySheet: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        /// The section's name; nil for rows outside any section (or a grid without sections).
        public var section: String?
        public var summary: ColumnSummary
    }

    /// The statuses, in the sheet's column order (`h`/`l` move between them).
    public static let statuses: [CellStatus] = [.supported, .unsupported, .uncertain, .untested, .notApplicable]

    public var lines: [Line]
    /// The line under the cursor, and the status column (index into ``statuses``).
    public var cursor = 0
    public var statusCursor = 1
    public var scroll = 0

    /// Counts the tab's view (its selected rows and shown columns) per section, sections in the order the view shows them.
    public init(_ tab: TabState) {
        var order: [Int32] = []
        var rowsBySection: [Int32: [Int]] = [:]
        for row in tab.selection.rows {
            let section = tab.grid.sectionIndex[row]
            if rowsBySection[section] == nil { order.append(section) }
            rowsBySection[section, default: []].append(row)
        }
        lines = order.flatMap { section in
            tab.grid.summary(rows: rowsBySection[section] ?? [], columns: tab.selection.columns).map {
                Line(section: section < 0 ? nil : tab.grid.sectionNames[Int(section)], summary: $0)
            }
        }
    }

    public var status: CellStatus { Self.statuses[max(0, min(Self.statuses.count - 1, statusCursor))] }

    /// The terms Enter adds to the tab's filter: the section, the column and the status under the cursor.
    public func terms(kind: MatrixKind) -> [String] {
        guard lines.indices.contains(cursor) else { return [] }
        let line = lines[cursor]
        var terms: [String] = []
        if let section = line.section { terms.append("section:" + QueryTerm.quoted(section)) }
        terms.append(QueryTerm.columnTerm(key: line.summary.key, kind: kind))
        terms.append("status:\(status.queryName)")
        return terms
    }
}

import Foundation
import MatrixCore
import MatrixStore

/// The rows and columns a query selects in one stored matrix: the selection rules `list` and
/// `export` share. The matrix is `--matrix`, else the query's `matrix:` term, else `params`.
///
/// ```swift
/// let selection = try MatrixSelection(store: store, query: "backend:vllm status:failed", matrix: nil)
/// selection.rowKeys.count   // 15
/// ```
struct MatrixSelection {
    var grid: MatrixGrid
    var selection: Selection
    var store: MatrixDatabase

    init(store: MatrixDatabase, query text: String?, matrix explicit: String?) throws {
        let query = try Query.parse(text ?? "")
        let fromQuery = query.terms.compactMap { term -> String? in
            if case .matrix(let name) = term.kind, !term.negated { return name }
            return nil
        }.first
        let name = explicit ?? fromQuery ?? "params"
        self.store = store
        grid = try store.loadGrid(name)
        let matrixName = grid.name
        selection = grid.select(query) { word in try? store.noteMatches(matrix: matrixName, word: word) }
    }

    var rowKeys: [String] { selection.rows.map { grid.rowKeys[$0] } }
    var columnKeys: [String] { selection.columns.map { grid.columns[$0].key } }

    /// Aligned text: row name, text attributes, then one glyph (params) or word (features) per column.
    func table() -> String {
        let header = [grid.rowHeader.isEmpty ? "Row" : grid.rowHeader] + grid.attributeNames
            + selection.columns.map { grid.columns[$0].title }
        let rows = selection.rows.map { row in
            [grid.rowKeys[row]] + grid.attributes[row]
                + selection.columns.map { column in
                    let status = grid.status(row: row, column: column)
                    return grid.kind == .parameters ? status.symbol : status.word
                }
        }
        return TextTable(header: header, rows: rows).render()
    }

    /// The selection in `format`; `table` is the aligned text of ``table()``. CSV and TSV are
    /// assembled chunk by chunk by the store.
    func render(_ format: OutputFormat) throws -> String {
        let exportFormat: ExportFormat
        switch format {
        case .table: return table()
        case .csv: exportFormat = .csv
        case .tsv: exportFormat = .tsv
        case .json: exportFormat = .json
        case .md: exportFormat = .markdown
        }
        return try store.export(grid.name, rows: rowKeys, columns: columnKeys, as: exportFormat, generatedAt: Self.stamp())
    }

    /// `2026-02-04 14:04`: the time written into a Markdown export's "Last updated" line.
    static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }

    var countLine: String {
        "\(selection.rows.count) of \(grid.rowCount) rows, \(selection.columns.count) of \(grid.columnCount) columns (\(grid.name))"
    }
}

import Foundation
import GRDB
import GRDBSQLite
import MatrixCore

/// Writing a selection of a stored matrix. The store selects first and decodes only what it
/// writes: CSV and TSV come from the grid's status bytes (``loadGrid(_:)``, the explorer's path)
/// and the notes of the selected cells, in chunks of rows, never from the cell table; JSON and
/// Markdown load the selected rows and columns only (they print literals and footnotes). Every
/// format carries the cells' live verdicts beside the imported statuses (``LiveVerdicts``;
/// `docs/export-schema.md`).
extension MatrixDatabase {
    /// Rows per chunk handed to the sink by a CSV or TSV export.
    static let exportChunk = 1_000

    /// The selected rows and columns of `name` (all when nil) in `format`, as one string.
    ///
    /// ```swift
    /// let csv = try store.export("params", rows: ["vllm.block_size=8"], columns: ["vllm"], as: .csv)
    /// ```
    /// - Parameters:
    ///   - live: write the live verdicts too (the default); `false` gives the documents alone.
    ///   - environment: whose verdicts (``liveVerdicts(_:environment:)``); `nil`: the default view's.
    public func export(_ name: String, rows keys: [String]? = nil, columns: [String]? = nil,
                       as format: ExportFormat, generatedAt: String = "", live: Bool = true,
                       environment: Environment? = nil, grid: MatrixGrid? = nil) throws -> String {
        var out = ""
        try export(name, rows: keys, columns: columns, as: format, generatedAt: generatedAt, live: live,
                   environment: environment, grid: grid) { out += $0 }
        return out
    }

    /// The same, handing the text to `sink` chunk by chunk (CSV/TSV) or at once (JSON/Markdown).
    ///
    /// - Parameter grid: the matrix's imported grid when the caller has loaded it already (a
    ///   selection has); loaded here otherwise.
    public func export(_ name: String, rows keys: [String]?, columns: [String]?, as format: ExportFormat,
                       generatedAt: String = "", live includeLive: Bool = true, environment: Environment? = nil,
                       grid loaded: MatrixGrid? = nil, to sink: (String) throws -> Void) throws {
        let grid = try loaded ?? loadGrid(name)
        let columnKeys = columns ?? grid.columns.map(\.key)
        // The whole selection's verdicts, so every chunk of a CSV agrees on the header.
        let live = includeLive ? try liveVerdicts(name, environment: environment).restricted(toRows: keys, columns: columnKeys) : .none
        guard format == .csv || format == .tsv else {
            let matrix = try loadMatrix(name, rows: keys, columns: columnKeys)
            let excerpt = MatrixExporter.isExcerpt(rows: keys, columns: columnKeys, of: grid.rowCount, columnCount: grid.columns.count)
            try sink(MatrixExporter.export(matrix.restricted(toRows: keys ?? matrix.rows.map(\.key), columns: columnKeys),
                                           as: format, generatedAt: generatedAt, live: live, excerpt: excerpt))
            return
        }
        let columnIndex = Dictionary(grid.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<Int>()
        let shown = columnKeys.compactMap { columnIndex[$0] }.filter { seen.insert($0).inserted }
        let rows: [Int]
        if let keys {
            let rowIndex = Dictionary(grid.rowKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            rows = Set(keys.compactMap { rowIndex[$0] }).sorted()
        } else {
            rows = Array(0..<grid.rowCount)
        }
        let notes = try exportNotes(name, grid: grid, rows: rows, columns: shown)
        let columnsShown = shown.map { grid.columns[$0] }
        let csv = format == .csv
        var text = DelimitedWriter.line(DelimitedWriter.header(rowHeader: grid.rowHeader, attributeNames: grid.attributeNames,
                                                               columns: columnsShown, live: !live.isEmpty), csv: csv)
        for (count, row) in rows.enumerated() {
            let fields = DelimitedWriter.record(
                key: grid.rowKeys[row], section: grid.section(ofRow: row), attributes: grid.attributes[row], columns: columnsShown,
                status: { grid.status(row: row, column: shown[$0]) }, note: { notes.cells[row]?[shown[$0]] },
                rowNotes: notes.rows[row] ?? [], live: live)
            text += DelimitedWriter.line(fields, csv: csv)
            if (count + 1) % Self.exportChunk == 0 {
                try sink(text)
                text = ""
            }
        }
        if !text.isEmpty || rows.isEmpty { try sink(text) }
    }

    /// The notes a delimited export prints: the selected cells' (by grid row and column index; the
    /// grid's note flags say which cells have one, so a selective export reads only those rows) and
    /// the rows' own. A cell with several notes keeps the last, as ``loadMatrix(_:rows:)`` does.
    func exportNotes(_ name: String, grid: MatrixGrid, rows: [Int], columns: [Int]) throws
        -> (cells: [Int: [Int: String]], rows: [Int: [String]]) {
        let wantedColumns = Set(columns)
        let noted = rows.filter { row in columns.contains { grid.flags(row: row, column: $0).contains(.note) } }
        let everyRow = rows.count == grid.rowCount
        return try read { db in
            let matrixID = try matrixID(name, in: db)
            let columnIDs = try Int64.fetchAll(db, sql: "SELECT id FROM matrix_column WHERE matrix_id = ? ORDER BY position", arguments: [matrixID])
            let columnOf = Dictionary(columnIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            var cells: [Int: [Int: String]] = [:]
            if !noted.isEmpty {
                let rowFilter = everyRow ? "" : " AND r.position IN (\(noted.map(String.init).joined(separator: ",")))"
                try step("""
                    SELECT r.position, n.column_id, n.text FROM note n JOIN matrix_row r ON r.id = n.row_id
                    WHERE r.matrix_id = ? AND n.column_id IS NOT NULL\(rowFilter) ORDER BY n.id
                    """, [matrixID], in: db) { handle in
                    guard let column = columnOf[sqlite3_column_int64(handle, 1)], wantedColumns.contains(column) else { return }
                    cells[Int(sqlite3_column_int64(handle, 0)), default: [:]][column] = Self.text(handle, 2) ?? ""
                }
            }
            var rowNotes: [Int: [String]] = [:]
            let wantedRows = everyRow ? nil : Set(rows)
            for row in try GRDB.Row.fetchAll(db, sql: "SELECT position, notes FROM matrix_row WHERE matrix_id = ? AND notes <> '[]'",
                                              arguments: [matrixID]) {
                let position: Int = row["position"]
                if wantedRows?.contains(position) ?? true { rowNotes[position] = JSONColumn.strings(row["notes"]) }
            }
            return (cells, rowNotes)
        }
    }
}

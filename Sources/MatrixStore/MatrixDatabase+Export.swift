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
    /// Bytes per chunk handed to the sink by a CSV or TSV export (about; whole records).
    static let exportChunk = 1 << 16

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
        var out: [UInt8] = []
        try export(name, rows: keys, columns: columns, as: format, generatedAt: generatedAt, live: live,
                   environment: environment, grid: grid) { out += $0 }
        return String(decoding: out, as: UTF8.self)
    }

    /// The same, handing the UTF-8 text to `sink` in chunks of whole records, about
    /// ``exportChunk`` bytes each (CSV/TSV), or at once (JSON/Markdown).
    ///
    /// - Parameter grid: the matrix's imported grid when the caller has loaded it already (a
    ///   selection has); loaded here otherwise.
    public func export(_ name: String, rows keys: [String]?, columns: [String]?, as format: ExportFormat,
                       generatedAt: String = "", live includeLive: Bool = true, environment: Environment? = nil,
                       grid loaded: MatrixGrid? = nil, to sink: ([UInt8]) throws -> Void) throws {
        let grid = try loaded ?? loadGrid(name)
        let columnKeys = columns ?? grid.columns.map(\.key)
        // The whole selection's verdicts, so every chunk of a CSV agrees on the header.
        let live = includeLive ? try liveVerdicts(name, environment: environment).restricted(toRows: keys, columns: columnKeys) : .none
        guard format == .csv || format == .tsv else {
            return try writeDocument(name, grid: grid, rows: keys, columns: columnKeys, as: format, generatedAt: generatedAt,
                                     live: live, to: sink)
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
        try writeDelimited(name, grid: grid, rows: rows, columns: shown, csv: format == .csv, live: live, to: sink)
    }

    /// The same for a ``Selection`` of `grid`, the matrix's imported grid (row and column
    /// positions, as a query gives them to `list` and the explorer): no key is looked up, so a
    /// selection of a 20,000-row matrix builds no index of its row names.
    ///
    /// ```swift
    /// try store.export("params", selection: grid.select(query), of: grid, as: .csv) { chunk in … }
    /// ```
    public func export(_ name: String, selection: Selection, of grid: MatrixGrid, as format: ExportFormat,
                       generatedAt: String = "", live includeLive: Bool = true, environment: Environment? = nil,
                       to sink: ([UInt8]) throws -> Void) throws {
        let keys = selection.rows.map { grid.rowKeys[$0] }
        let columnKeys = selection.columns.map { grid.columns[$0].key }
        let live = includeLive ? try liveVerdicts(name, environment: environment).restricted(toRows: keys, columns: columnKeys) : .none
        guard format == .csv || format == .tsv else {
            return try writeDocument(name, grid: grid, rows: keys, columns: columnKeys, as: format, generatedAt: generatedAt,
                                     live: live, to: sink)
        }
        var seen = Set<Int>()
        let shown = selection.columns.filter { seen.insert($0).inserted }
        try writeDelimited(name, grid: grid, rows: Set(selection.rows).sorted(), columns: shown, csv: format == .csv,
                           live: live, to: sink)
    }

    /// JSON and Markdown: the selected rows and columns loaded whole (they print literals and footnotes).
    private func writeDocument(_ name: String, grid: MatrixGrid, rows keys: [String]?, columns columnKeys: [String],
                               as format: ExportFormat, generatedAt: String, live: LiveVerdicts,
                               to sink: ([UInt8]) throws -> Void) throws {
        let matrix = try loadMatrix(name, rows: keys, columns: columnKeys)
        let excerpt = MatrixExporter.isExcerpt(rows: keys, columns: columnKeys, of: grid.rowCount, columnCount: grid.columns.count)
        try sink(Array(MatrixExporter.export(matrix.restricted(toRows: keys ?? matrix.rows.map(\.key), columns: columnKeys),
                                             as: format, generatedAt: generatedAt, live: live, excerpt: excerpt).utf8))
    }

    /// Writes the header and the records of `rows` (ascending grid positions) and `columns` (grid
    /// column indices), reading the notes row by row beside them (``RowNoteCursor``). A cell with
    /// several notes keeps the last, as ``loadMatrix(_:rows:)`` does. `sink` runs inside the read;
    /// its error is thrown as it is.
    func writeDelimited(_ name: String, grid: MatrixGrid, rows: [Int], columns shown: [Int], csv: Bool,
                        live: LiveVerdicts, to sink: ([UInt8]) throws -> Void) throws {
        let columnsShown = shown.map { grid.columns[$0] }
        var writer = DelimitedWriter(csv: csv, capacity: Self.exportChunk + Self.exportChunk / 4)
        writer.record(DelimitedWriter.header(rowHeader: grid.rowHeader, attributeNames: grid.attributeNames,
                                             columns: columnsShown, live: !live.isEmpty))
        var sinkError: Error?
        func flush() -> Bool {
            do { try sink(writer.bytes) } catch {
                sinkError = error
                return false
            }
            writer.clear()
            return true
        }
        try read { db in
            let matrixID = try matrixID(name, in: db)
            let columnIDs = try Int64.fetchAll(db, sql: "SELECT id FROM matrix_column WHERE matrix_id = ? ORDER BY position", arguments: [matrixID])
            var shownIndex: [Int64: Int] = [:]
            for (index, column) in shown.enumerated() where column < columnIDs.count { shownIndex[columnIDs[column]] = index }
            // A few rows: a seek each where the grid shows a note, the rows' own notes at once;
            // most of them: one scan of the matrix's notes.
            let span = (rows.first ?? 0)..<((rows.last ?? -1) + 1)
            let seek = rows.count * 4 < grid.rowCount
            var cursor = try RowNoteCursor(store: self, matrixID: matrixID, rows: span, seek: seek, in: db)
            let ownNotes = seek ? try RowNoteCursor.rowNotes(store: self, matrixID: matrixID, rows: span, in: db) : [:]
            var cellNotes = [String?](repeating: nil, count: shown.count)
            var noted: [Int] = []
            var rowNotes: [String] = []
            for row in rows {
                for index in noted { cellNotes[index] = nil }
                noted.removeAll(keepingCapacity: true)
                rowNotes = ownNotes[row] ?? []
                if !seek || shown.contains(where: { grid.flags(row: row, column: $0).contains(.note) }) {
                    try cursor.notes(ofRow: row) { columnID, text in
                        guard let columnID else { return rowNotes.append(String(decoding: text, as: UTF8.self)) }
                        guard let index = shownIndex[columnID] else { return }
                        cellNotes[index] = String(decoding: text, as: UTF8.self)
                        noted.append(index)
                    }
                }
                let base = row * grid.columnCount
                writer.record(key: grid.rowKeys[row], section: grid.section(ofRow: row), attributes: grid.attributes[row],
                              columns: columnsShown, status: { CellStatus(code: grid.statuses[base + shown[$0]]) ?? .untested },
                              note: { cellNotes[$0] }, rowNotes: rowNotes, live: live)
                if writer.bytes.count >= Self.exportChunk, !flush() { return }
            }
        }
        if sinkError == nil, !writer.bytes.isEmpty { _ = flush() }
        if let sinkError { throw sinkError }
    }
}

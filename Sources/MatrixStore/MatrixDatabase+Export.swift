import Foundation
import GRDB
import MatrixCore

/// Writing a selection of a stored matrix to a file. CSV and TSV are written in chunks of rows, so
/// exporting a million-cell matrix never holds it all in memory; JSON and Markdown are single
/// documents and are built whole. Every format carries the cells' latest live verdicts beside the
/// imported statuses (``LiveVerdicts``; `docs/export-schema.md`).
extension MatrixDatabase {
    /// Rows per chunk of a CSV or TSV export.
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
                       environment: Environment? = nil) throws -> String {
        var out = ""
        try export(name, rows: keys, columns: columns, as: format, generatedAt: generatedAt, live: live,
                   environment: environment) { out += $0 }
        return out
    }

    /// The same, handing the text to `sink` chunk by chunk (CSV/TSV) or at once (JSON/Markdown).
    public func export(_ name: String, rows keys: [String]?, columns: [String]?, as format: ExportFormat,
                       generatedAt: String = "", live includeLive: Bool = true, environment: Environment? = nil,
                       to sink: (String) throws -> Void) throws {
        let (rowCount, allColumns) = try read { db -> (Int, [String]) in
            let id = try matrixID(name, in: db)
            return (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matrix_row WHERE matrix_id = ?", arguments: [id]) ?? 0,
                    try String.fetchAll(db, sql: "SELECT key FROM matrix_column WHERE matrix_id = ? ORDER BY position", arguments: [id]))
        }
        let columnKeys = columns ?? allColumns
        // The whole selection's verdicts, so every chunk of a CSV agrees on the header.
        let live = includeLive ? try liveVerdicts(name, environment: environment).restricted(toRows: keys, columns: columnKeys) : .none
        guard format == .csv || format == .tsv else {
            let matrix = try loadMatrix(name, rows: keys)
            let excerpt = MatrixExporter.isExcerpt(rows: keys, columns: columnKeys, of: rowCount, columnCount: allColumns.count)
            try sink(MatrixExporter.export(matrix.restricted(toRows: keys ?? matrix.rows.map(\.key), columns: columnKeys),
                                           as: format, generatedAt: generatedAt, live: live, excerpt: excerpt))
            return
        }
        let wanted = keys.map(Set.init)
        var start = 0
        var first = true
        repeat {
            let range = start...(start + Self.exportChunk - 1)
            let chunk = try read { db in try Self.loadMatrix(name, rows: nil, positions: range, in: db, store: self) }
            let rowKeys = chunk.rows.map(\.key).filter { wanted?.contains($0) ?? true }
            if !rowKeys.isEmpty || (first && start + Self.exportChunk >= rowCount) {
                var text = MatrixExporter.export(chunk.restricted(toRows: rowKeys, columns: columnKeys), as: format,
                                                  generatedAt: generatedAt, live: live)
                if !first, let headerEnd = text.firstIndex(of: format == .csv ? "\r\n" : "\n") {
                    text = String(text[text.index(after: headerEnd)...])
                }
                if !first || !text.isEmpty { try sink(text) }
                first = false
            }
            start += Self.exportChunk
        } while start < rowCount
    }
}

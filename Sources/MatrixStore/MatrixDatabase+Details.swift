import GRDB
import MatrixCore

/// Details of one row for `show`.
extension MatrixDatabase {
    /// Decodes the one row (a million-cell matrix stays on disk); the whole matrix only when the
    /// row cites footnotes, whose "cited by" lists span it.
    ///
    /// - Throws: ``StoreError`` naming close row names when `row` is not in the matrix.
    public func details(matrix name: String, row key: String) throws(StoreError) -> RowDetails {
        var matrix = try loadMatrix(name, rows: [key])
        guard let row = matrix.row(key) else {
            let lower = key.lowercased()
            let keys = try read { db in
                try String.fetchAll(db, sql: "SELECT key FROM matrix_row WHERE matrix_id = ? ORDER BY position", arguments: [try matrixID(name, in: db)])
            }
            let close = keys.filter { $0.lowercased().contains(lower) || lower.contains($0.lowercased()) }.prefix(5)
            throw StoreError(path: path, message: "has no row \"\(key)\" in matrix \(name)",
                             context: close.isEmpty ? nil : "did you mean: \(close.joined(separator: ", "))")
        }
        var labels: [String] = []
        for label in row.footnotes + row.attributes.flatMap(\.footnotes) + matrix.columns.flatMap({ row.cells[$0.key]?.footnotes ?? [] })
        where !labels.contains(label) { labels.append(label) }
        if !labels.isEmpty { matrix = try loadMatrix(name) }
        let footnotes = labels.map { label in
            FootnoteDetails(label: label, text: matrix.footnotes.first { $0.label == label }?.text ?? "(no text in the source)",
                            citedBy: matrix.citations(of: label).map { "\($0.row ?? "(header)") / \($0.column ?? "(row name)")" })
        }
        let importedAt = try read { db in
            try String.fetchOne(db, sql: "SELECT s.imported_at FROM matrix m JOIN source s ON s.id = m.source_id WHERE m.name = ?", arguments: [name])
        }
        return RowDetails(matrix: name, matrixTitle: matrix.title, row: row, columns: matrix.columns, footnotes: footnotes,
                          source: matrix.source, importedAt: importedAt, history: try history(matrix: name, row: key))
    }
}

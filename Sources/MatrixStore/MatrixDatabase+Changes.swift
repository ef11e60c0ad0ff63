import GRDB
import MatrixCore

/// The record of imports and the changes they made: `infermatrix diff` and a row's history.
extension MatrixDatabase {
    /// The most recent import, with its changes; nil when nothing was ever imported.
    ///
    /// ```swift
    /// let last = try store.lastImport()
    /// last?.changes.filter { $0.change.direction == .regression }
    /// ```
    public func lastImport() throws(StoreError) -> ImportRecord? {
        try read { db in
            guard let row = try GRDB.Row.fetchOne(db, sql: """
                SELECT e.id, e.at, e.summary, s.path, s.format, s.sha256 FROM import_event e
                JOIN source s ON s.id = e.source_id ORDER BY e.id DESC LIMIT 1
                """) else { return nil }
            let id: Int64 = row["id"]
            let changes = try GRDB.Row.fetchAll(db, sql: """
                SELECT * FROM matrix_change WHERE import_id = ? ORDER BY rowid
                """, arguments: [id]).compactMap(Self.changeRecord)
            return ImportRecord(id: id, at: row["at"], source: Self.source(row) ?? SourceDocument(path: "?", format: .parameterMarkdown, sha256: ""),
                                summary: row["summary"], changes: changes)
        }
    }

    /// Every recorded change of one row, oldest first, with when and from which file.
    public func history(matrix: String, row key: String) throws(StoreError) -> [MatrixChangeRecord] {
        try read { db in
            try GRDB.Row.fetchAll(db, sql: """
                SELECT c.*, e.at, s.path FROM matrix_change c JOIN import_event e ON e.id = c.import_id
                JOIN source s ON s.id = e.source_id WHERE c.matrix = ? AND c.row_key = ? ORDER BY e.id, c.rowid
                """, arguments: [matrix, key]).compactMap { row in
                var record = Self.changeRecord(row)
                record?.at = row["at"]
                record?.sourcePath = row["path"]
                return record
            }
        }
    }

    static func changeRecord(_ row: GRDB.Row) -> MatrixChangeRecord? {
        let stored = StoredChange(kind: row["kind"], row: row["row_key"], column: row["column_key"],
                                  old: (row["old_status"] as String?).flatMap(CellStatus.init(rawValue:)),
                                  new: (row["new_status"] as String?).flatMap(CellStatus.init(rawValue:)))
        return stored.change.map { MatrixChangeRecord(matrix: row["matrix"], change: $0) }
    }
}

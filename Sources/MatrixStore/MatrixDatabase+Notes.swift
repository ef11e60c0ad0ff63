import GRDB
import GRDBSQLite
import MatrixCore

/// Full-text search over cell and row notes (FTS5, unicode61 tokenizer).
extension MatrixDatabase {
    /// Positions (grid row indices) of the rows of `matrix` whose notes contain a word starting
    /// with each word of `text`. Quotes and FTS5 operators in `text` are neutralised.
    ///
    /// ```swift
    /// try store.noteMatches(matrix: "params", word: "ninja")   // [52, 60]
    /// ```
    public func noteMatches(matrix: String, word text: String) throws(StoreError) -> Set<Int> {
        guard let pattern = FTS5Pattern(matchingAllPrefixesIn: text) else { return [] }
        return try read { db in
            let matrixID = try matrixID(matrix, in: db)
            if let ids = try contiguousRowIDs(matrixID, in: db) {
                let firstID = ids.first, lastID = ids.last
                var positions = Set<Int>()
                let statement = try db.makeStatement(sql: "SELECT rowid FROM note_fts WHERE note_fts MATCH ?")
                statement.arguments = [pattern]
                let handle = statement.sqliteStatement
                defer { sqlite3_reset(handle) }
                while sqlite3_step(handle) == SQLITE_ROW {
                    let rowID = sqlite3_column_int64(handle, 0) / MatrixDatabase.noteSlots
                    if rowID >= firstID && rowID <= lastID { positions.insert(Int(rowID - firstID)) }
                }
                return positions
            }
            let positions = try Int.fetchAll(db, sql: """
                SELECT DISTINCT r.position FROM note_fts
                JOIN note n ON n.id = note_fts.rowid
                JOIN matrix_row r ON r.id = n.row_id
                WHERE note_fts MATCH ? AND r.matrix_id = ?
                """, arguments: [pattern, matrixID])
            return Set(positions)
        }
    }

    /// The first and last row ids of a matrix whose rows have contiguous ids in position order
    /// (position = row id − first id), or nil (then callers join `matrix_row`). Rows of a matrix are
    /// written in position order in one transaction and never renumbered, so this holds for every
    /// matrix the store wrote; with ``noteSlots`` it turns a note id into its row's position with no
    /// join (``noteMatches(matrix:word:)``, exports' notes).
    ///
    /// ```swift
    /// if let ids = try contiguousRowIDs(matrixID, in: db) { position = note.id / noteSlots - ids.first }
    /// ```
    func contiguousRowIDs(_ matrixID: Int64, in db: Database) throws -> (first: Int64, last: Int64)? {
        let first = try GRDB.Row.fetchOne(db, sql: "SELECT id, position FROM matrix_row WHERE matrix_id = ? ORDER BY position LIMIT 1", arguments: [matrixID])
        let last = try GRDB.Row.fetchOne(db, sql: "SELECT id, position FROM matrix_row WHERE matrix_id = ? ORDER BY position DESC LIMIT 1", arguments: [matrixID])
        guard let first, let last, (first["position"] as Int) == 0,
              (last["id"] as Int64) - (first["id"] as Int64) == (last["position"] as Int64) else { return nil }
        return (first["id"], last["id"])
    }
}

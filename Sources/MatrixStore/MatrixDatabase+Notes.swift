import GRDB
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
            let positions = try Int.fetchAll(db, sql: """
                SELECT DISTINCT r.position FROM note_fts
                JOIN note n ON n.id = note_fts.rowid
                JOIN matrix_row r ON r.id = n.row_id
                WHERE note_fts MATCH ? AND r.matrix_id = ?
                """, arguments: [pattern, matrixID])
            return Set(positions)
        }
    }
}

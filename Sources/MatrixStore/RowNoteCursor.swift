import GRDB
import GRDBSQLite

/// The notes of a matrix's rows, read row by row in position order while an export writes them:
/// no dictionary of every note, no string for a note nobody prints. For rows asked in ascending
/// position it either scans the note table once (most rows wanted: cell and row notes) or seeks
/// each row asked (a few: cell notes only; the caller asks only rows whose grid flags show a
/// note, and reads the rows' own notes at once with ``rowNotes(store:matrixID:rows:in:)``).
///
/// A matrix the store wrote has contiguous row ids (``MatrixDatabase/contiguousRowIDs(_:in:)``)
/// and notes addressed `row id << 16 | slot`, so its notes are one rowid range of the note table,
/// already in row and then slot order; any other matrix goes through the join on `matrix_row`.
/// Within a row, notes come in id order (a cell's columns in slot order, then the row's own notes).
///
/// ```swift
/// var cursor = try RowNoteCursor(store: self, matrixID: id, rows: 0..<grid.rowCount, seek: false, in: db)
/// try cursor.notes(ofRow: 7) { columnID, text in … }   // columnID nil: the row's own note
/// ```
struct RowNoteCursor {
    let statement: Statement
    private let seek: Bool
    /// The matrix's first row id (the range scan) or the matrix id (the join): parameter 1.
    private let anchor: Int64
    private var hasRow = false
    private var started = false
    private let path: String

    init(store: MatrixDatabase, matrixID: Int64, rows: Range<Int>, seek: Bool, in db: Database) throws {
        let (anchor, sql) = try Self.query(store: store, matrixID: matrixID, filter: seek ? "IS NOT NULL" : nil, in: db)
        self.anchor = anchor
        statement = try db.makeStatement(sql: sql)
        self.seek = seek
        path = store.path
        if !seek { try bind(rows) }
    }

    /// Hands `row`'s notes to `body` in id order: the column's id (nil for the row's own note) and
    /// the text's UTF-8 bytes, valid during the call only. Rows must be asked in ascending order.
    mutating func notes(ofRow row: Int, _ body: (Int64?, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if seek { try bind(row..<row + 1) }
        let handle = statement.sqliteStatement
        if !started {
            try step()
            started = true
        }
        while hasRow {
            let position = Int(sqlite3_column_int64(handle, 0))
            if position > row { return }
            if position == row {
                let column: Int64? = sqlite3_column_type(handle, 1) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 1)
                let text = sqlite3_column_text(handle, 2)
                let count = Int(sqlite3_column_bytes(handle, 2))
                try body(column, UnsafeBufferPointer(start: text, count: text == nil ? 0 : count))
            }
            try step()
        }
    }

    /// The own notes (no column) of the rows in `rows`, by position, in id order.
    static func rowNotes(store: MatrixDatabase, matrixID: Int64, rows: Range<Int>, in db: Database) throws -> [Int: [String]] {
        var cursor = try RowNoteCursor(store: store, matrixID: matrixID, filter: "IS NULL", rows: rows, in: db)
        var notes: [Int: [String]] = [:]
        while try cursor.next() {
            let handle = cursor.statement.sqliteStatement
            notes[Int(sqlite3_column_int64(handle, 0)), default: []].append(Self.text(handle))
        }
        return notes
    }

    private init(store: MatrixDatabase, matrixID: Int64, filter: String, rows: Range<Int>, in db: Database) throws {
        let (anchor, sql) = try Self.query(store: store, matrixID: matrixID, filter: filter, in: db)
        self.anchor = anchor
        statement = try db.makeStatement(sql: sql)
        seek = false
        path = store.path
        try bind(rows)
    }

    /// The statement's parameter 1 and SQL: (position, column id, text) of the notes of rows
    /// ?2 ..< ?3 whose column id `filter`s (`IS NULL`, `IS NOT NULL`, nil: all), in position and id order.
    private static func query(store: MatrixDatabase, matrixID: Int64, filter: String?, in db: Database) throws -> (Int64, String) {
        if let ids = try store.contiguousRowIDs(matrixID, in: db) {
            return (ids.first, """
                SELECT row_id - ?1, column_id, text FROM note
                WHERE id >= (?1 + ?2) * \(MatrixDatabase.noteSlots) AND id < (?1 + ?3) * \(MatrixDatabase.noteSlots)
                \(filter.map { "AND column_id \($0)" } ?? "") ORDER BY id
                """)
        }
        return (matrixID, """
            SELECT r.position, n.column_id, n.text FROM matrix_row r JOIN note n ON n.row_id = r.id
            WHERE r.matrix_id = ?1 AND r.position >= ?2 AND r.position < ?3 \(filter.map { "AND n.column_id \($0)" } ?? "")
            ORDER BY r.position, n.id
            """)
    }

    private mutating func next() throws -> Bool {
        try step()
        return hasRow
    }

    private static func text(_ handle: SQLiteStatement) -> String {
        guard let text = sqlite3_column_text(handle, 2) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, 2))), as: UTF8.self)
    }

    private mutating func bind(_ rows: Range<Int>) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, anchor)
        sqlite3_bind_int64(handle, 2, Int64(rows.lowerBound))
        sqlite3_bind_int64(handle, 3, Int64(rows.upperBound))
        started = false
        hasRow = false
    }

    private mutating func step() throws {
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        guard code == SQLITE_ROW || code == SQLITE_DONE else {
            throw StoreError(path: path, message: "could not be read",
                             context: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
        hasRow = code == SQLITE_ROW
    }
}

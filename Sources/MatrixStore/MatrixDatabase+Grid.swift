import Foundation
import GRDB
import GRDBSQLite
import MatrixCore

/// Loading a matrix as a compact ``MatrixGrid`` from the per-row status and flag bytes, without
/// touching the cell table: a million-cell grid loads in milliseconds.
extension MatrixDatabase {
    /// ```swift
    /// let grid = try store.loadGrid("params")
    /// grid.select(try Query.parse("status:failed"))
    /// ```
    public func loadGrid(_ name: String) throws(StoreError) -> MatrixGrid {
        try read { db in
            let matrixID = try matrixID(name, in: db)
            guard let head = try GRDB.Row.fetchOne(db, sql: "SELECT * FROM matrix WHERE id = ?", arguments: [matrixID]) else {
                throw StoreError(path: path, message: "lost matrix \(name)")
            }
            let columns = try GRDB.Row.fetchAll(db, sql: "SELECT key, title, footnotes FROM matrix_column WHERE matrix_id = ? ORDER BY position",
                                                arguments: [matrixID]).map {
                Column(key: $0["key"], title: $0["title"], footnotes: JSONColumn.strings($0["footnotes"]))
            }
            let attributeNames = JSONColumn.strings(head["attribute_names"])
            let width = columns.count
            var rowKeys: [String] = []
            var attributes: [[String]] = []
            var statuses: [UInt8] = []
            var flags: [UInt8] = []
            // Rows with contiguous ids (every matrix the store wrote) are read as one rowid range, in
            // position order, with no index lookup per row.
            let contiguous = try contiguousRowIDs(matrixID, in: db)
            let expectedRows = try contiguous.map { Int($0.last - $0.first + 1) }
                ?? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM matrix_row WHERE matrix_id = ?", arguments: [matrixID]) ?? 0
            rowKeys.reserveCapacity(expectedRows)
            var sections = SectionTable(capacity: expectedRows)
            attributes.reserveCapacity(expectedRows)
            statuses.reserveCapacity(expectedRows * width)
            flags.reserveCapacity(expectedRows * width)
            // Raw SQLite stepping: 20,000 rows of two small blobs each, without per-row allocations
            // beyond the key string.
            let (sql, arguments): (String, StatementArguments) = contiguous.map {
                ("SELECT key, section, attributes, statuses, flags FROM matrix_row WHERE id >= ? AND id <= ? AND +matrix_id = ? ORDER BY id",
                 [$0.first, $0.last, matrixID])
            } ?? ("SELECT key, section, attributes, statuses, flags FROM matrix_row WHERE matrix_id = ? ORDER BY position", [matrixID])
            try step(sql, arguments, in: db) { handle in
                rowKeys.append(Self.text(handle, 0) ?? "")
                sections.append(Self.text(handle, 1))
                if attributeNames.isEmpty {
                    attributes.append([])
                } else {
                    let stored: [Attribute] = JSONColumn.decode(Self.text(handle, 2)) ?? []
                    attributes.append(attributeNames.map { name in stored.first { $0.name == name }?.literal ?? "" })
                }
                Self.appendBlob(handle, 3, width: width, filler: CellStatus.untested.code, to: &statuses)
                Self.appendBlob(handle, 4, width: width, filler: 0, to: &flags)
            }
            return MatrixGrid(name: head["name"], title: head["title"], kind: MatrixKind(rawValue: head["kind"]) ?? .features,
                              rowHeader: head["row_header"], columns: columns, attributeNames: attributeNames,
                              rowKeys: rowKeys, sectionIndex: sections.indices, sectionNames: sections.names,
                              attributes: attributes, statuses: statuses, cellFlags: flags)
        }
    }

    /// Runs `sql` and hands each result row to `row` as the raw statement: no GRDB row per
    /// result, for the loops that read a million-cell matrix (``loadGrid(_:)``, exports' notes).
    func step(_ sql: String, _ arguments: StatementArguments, in db: Database, row: (SQLiteStatement) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        statement.arguments = arguments
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw StoreError(path: path, message: "could not be read", context: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            try row(handle)
        }
    }

    static func text(_ handle: SQLiteStatement, _ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    /// Appends exactly `width` bytes of a blob column: a row written before a column was added is padded.
    static func appendBlob(_ handle: SQLiteStatement, _ column: Int32, width: Int, filler: UInt8, to bytes: inout [UInt8]) {
        let count = Int(sqlite3_column_bytes(handle, column))
        if let pointer = sqlite3_column_blob(handle, column), count > 0 {
            let buffer = UnsafeRawBufferPointer(start: pointer, count: min(count, width))
            bytes.append(contentsOf: buffer)
        }
        if count < width { bytes.append(contentsOf: repeatElement(filler, count: width - count)) }
    }

    /// Exactly `width` bytes: a row written before a column was added is padded.
    static func fit(_ data: Data, width: Int, filler: UInt8) -> [UInt8] {
        if data.count == width { return [UInt8](data) }
        var bytes = [UInt8](data.prefix(width))
        bytes.append(contentsOf: repeatElement(filler, count: width - bytes.count))
        return bytes
    }
}

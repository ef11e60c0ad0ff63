import Foundation
import GRDB
import MatrixCore

/// Reading matrices back as full `Matrix` values (for `show`, exports and merges).
extension MatrixDatabase {
    // MARK: - Listing

    /// The stored matrices in tab order.
    public func matrices() throws(StoreError) -> [MatrixSummary] {
        try read { db in
            try GRDB.Row.fetchAll(db, sql: """
                SELECT m.name, m.title, m.kind, s.path, s.format, s.sha256, s.imported_at,
                       (SELECT COUNT(*) FROM matrix_row r WHERE r.matrix_id = m.id) AS rows,
                       (SELECT COUNT(*) FROM matrix_column c WHERE c.matrix_id = m.id) AS columns
                FROM matrix m LEFT JOIN source s ON s.id = m.source_id ORDER BY m.position
                """).map { row in
                MatrixSummary(name: row["name"], title: row["title"],
                              kind: MatrixKind(rawValue: row["kind"]) ?? .features,
                              rowCount: row["rows"], columnCount: row["columns"],
                              source: Self.source(row), importedAt: row["imported_at"])
            }
        }
    }

    static func source(_ row: GRDB.Row) -> SourceDocument? {
        guard let path: String = row["path"], let format: String = row["format"] else { return nil }
        return SourceDocument(path: path, format: SourceDocument.Format(rawValue: format) ?? .parameterMarkdown,
                              sha256: row["sha256"] ?? "")
    }

    /// Throws a ``StoreError`` naming the known matrices when `name` is not stored.
    func matrixID(_ name: String, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM matrix WHERE name = ?", arguments: [name]) {
            return id
        }
        let known = try String.fetchAll(db, sql: "SELECT name FROM matrix ORDER BY position")
        throw StoreError(path: path, message: "has no matrix named \"\(name)\"",
                         context: known.isEmpty ? "it holds no matrices" : "known: \(known.joined(separator: ", "))")
    }

    // MARK: - Full matrices

    /// The whole matrix, or only the named rows (in matrix order) when `rows` is given, and only
    /// the named columns' cells when `columns` is (the matrix keeps all its columns).
    ///
    /// ```swift
    /// let params = try store.loadMatrix("params", rows: ["vllm.block_size=8"])
    /// ```
    public func loadMatrix(_ name: String, rows keys: [String]? = nil, columns: [String]? = nil) throws(StoreError) -> Matrix {
        try read { db in try Self.loadMatrix(name, rows: keys, columns: columns, in: db, store: self) }
    }

    /// The stored matrix named `name`, or nil, inside the caller's transaction.
    static func loadMatrixIfPresent(_ name: String, in db: Database, store: MatrixDatabase) throws -> Matrix? {
        guard try Int64.fetchOne(db, sql: "SELECT id FROM matrix WHERE name = ?", arguments: [name]) != nil else { return nil }
        return try loadMatrix(name, rows: nil, in: db, store: store)
    }

    static func loadMatrix(_ name: String, rows keys: [String]?, columns wantedColumns: [String]? = nil,
                           in db: Database, store: MatrixDatabase) throws -> Matrix {
        let matrixID = try store.matrixID(name, in: db)
        guard let head = try GRDB.Row.fetchOne(db, sql: """
            SELECT m.*, s.path, s.format, s.sha256 FROM matrix m LEFT JOIN source s ON s.id = m.source_id WHERE m.id = ?
            """, arguments: [matrixID]) else { throw StoreError(path: store.path, message: "lost matrix \(name)") }
        var matrix = Matrix(name: head["name"], title: head["title"],
                            kind: MatrixKind(rawValue: head["kind"]) ?? .features,
                            attributeNames: JSONColumn.strings(head["attribute_names"]),
                            rowHeader: head["row_header"], preamble: head["preamble"], appendix: head["appendix"],
                            notes: JSONColumn.strings(head["notes"]), source: source(head))
        var columnKeys: [Int64: String] = [:]
        for row in try GRDB.Row.fetchAll(db, sql: "SELECT * FROM matrix_column WHERE matrix_id = ? ORDER BY position", arguments: [matrixID]) {
            columnKeys[row["id"]] = row["key"]
            matrix.columns.append(Column(key: row["key"], title: row["title"], footnotes: JSONColumn.strings(row["footnotes"])))
        }
        matrix.footnotes = try GRDB.Row.fetchAll(db, sql: "SELECT label, text FROM footnote WHERE matrix_id = ? ORDER BY position",
                                                 arguments: [matrixID]).map { Footnote(label: $0["label"], text: $0["text"]) }

        let wanted = keys.map(Set.init)
        var rowIndex: [Int64: Int] = [:]
        // A few keys (`show`, a selective export) are looked up by the (matrix_id, key) index;
        // many are filtered here from one pass over the matrix's rows.
        var rowArguments: StatementArguments = [matrixID]
        var rowFilter = ""
        if let wanted, wanted.count <= 500 {
            rowFilter = " AND key IN (\(repeatElement("?", count: wanted.count).joined(separator: ",")))"
            rowArguments += StatementArguments(Array(wanted))
        }
        for row in try GRDB.Row.fetchAll(db, sql: """
            SELECT id, key, section, attributes, footnotes, notes FROM matrix_row WHERE matrix_id = ?\(rowFilter) ORDER BY position
            """, arguments: rowArguments) {
            let key: String = row["key"]
            if let wanted, !wanted.contains(key) { continue }
            rowIndex[row["id"]] = matrix.rows.count
            let attributes: [Attribute] = row["attributes"] == "[]" ? [] : (JSONColumn.decode(row["attributes"]) ?? [])
            matrix.rows.append(MatrixCore.Row(key: key, section: row["section"], attributes: attributes,
                                              notes: JSONColumn.strings(row["notes"]),
                                              footnotes: JSONColumn.strings(row["footnotes"])))
        }
        // Which cells and notes to read: all of the matrix's, or the wanted rows' and columns'.
        func filter(_ table: String) -> String {
            var filter = ""
            if let wantedColumns {
                let ids = columnKeys.filter { wantedColumns.contains($0.value) }.keys
                filter += " AND \(table).column_id IN (\(ids.map(String.init).joined(separator: ",")))"
            }
            return filter + (wanted == nil ? "" : " AND r.id IN (\(rowIndex.keys.map(String.init).joined(separator: ",")))")
        }
        for row in try GRDB.Row.fetchAll(db, sql: """
            SELECT c.row_id, c.column_id, c.status, c.literal, c.footnotes FROM cell c
            JOIN matrix_row r ON r.id = c.row_id WHERE r.matrix_id = ?\(filter("c"))
            """, arguments: [matrixID]) {
            guard let index = rowIndex[row["row_id"]], let column = columnKeys[row["column_id"]] else { continue }
            matrix.rows[index].cells[column] = Cell(status: CellStatus(rawValue: row["status"]) ?? .untested,
                                                    literal: row["literal"], footnotes: JSONColumn.strings(row["footnotes"]))
        }
        for row in try GRDB.Row.fetchAll(db, sql: """
            SELECT n.row_id, n.column_id, n.text FROM note n JOIN matrix_row r ON r.id = n.row_id
            WHERE r.matrix_id = ? AND n.column_id IS NOT NULL\(filter("n")) ORDER BY n.id
            """, arguments: [matrixID]) {
            guard let index = rowIndex[row["row_id"]], let column = columnKeys[row["column_id"]] else { continue }
            matrix.rows[index].cells[column]?.note = row["text"]
        }
        return matrix
    }
}

import Foundation
import GRDB
import MatrixCore

/// Writing whole matrices: a matrix replaces the stored one of the same name, keeping its tab position.
extension MatrixDatabase {
    // MARK: - Saving

    /// Stores `matrix`, replacing any stored matrix of the same name, inside the caller's transaction.
    ///
    /// ```swift
    /// try store.write { db in try MatrixDatabase.save(matrix, sourceID: id, in: db) }
    /// ```
    static func save(_ matrix: Matrix, sourceID: Int64?, in db: Database) throws {
        let existing = try GRDB.Row.fetchOne(db, sql: "SELECT id, position FROM matrix WHERE name = ?", arguments: [matrix.name])
        let position: Int
        if let existing {
            position = existing["position"]
            try db.execute(sql: "DELETE FROM matrix WHERE id = ?", arguments: [existing["id"] as Int64])
        } else {
            position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM matrix") ?? 0
        }
        try db.execute(sql: """
            INSERT INTO matrix (name, title, kind, row_header, attribute_names, preamble, appendix, notes, source_id, position)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [matrix.name, matrix.title, matrix.kind.rawValue, matrix.rowHeader,
                             JSONColumn.encode(matrix.attributeNames), matrix.preamble, matrix.appendix,
                             JSONColumn.encode(matrix.notes), sourceID, position])
        let matrixID = db.lastInsertedRowID

        var columnIDs: [Int64] = []
        let insertColumn = try db.makeStatement(sql: """
            INSERT INTO matrix_column (matrix_id, key, title, footnotes, position) VALUES (?, ?, ?, ?, ?)
            """)
        for (index, column) in matrix.columns.enumerated() {
            try insertColumn.execute(arguments: [matrixID, column.key, column.title, JSONColumn.encode(column.footnotes), index])
            columnIDs.append(db.lastInsertedRowID)
        }

        let insertRow = try db.makeStatement(sql: """
            INSERT INTO matrix_row (matrix_id, key, section, position, attributes, footnotes, notes, statuses, flags)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertCell = try db.makeStatement(sql: """
            INSERT INTO cell (row_id, column_id, status, literal, footnotes) VALUES (?, ?, ?, ?, ?)
            """)
        // A note's id is `row id << 16 | slot` (slot 1… for columns, then the row's own notes), so the
        // full-text index yields the row of a match without a join (see ``noteMatches``).
        let insertNote = try db.makeStatement(sql: "INSERT INTO note (id, row_id, column_id, text) VALUES (?, ?, ?, ?)")
        for (index, row) in matrix.rows.enumerated() {
            var statuses = [UInt8](repeating: CellStatus.untested.code, count: matrix.columns.count)
            var flags = [UInt8](repeating: 0, count: matrix.columns.count)
            for (columnIndex, column) in matrix.columns.enumerated() {
                let cell = row.cells[column.key]
                statuses[columnIndex] = (cell?.status ?? .untested).code
                flags[columnIndex] = CellFlags(cell).rawValue
            }
            try insertRow.execute(arguments: [
                matrixID, row.key, row.section, index,
                row.attributes.isEmpty ? "[]" : JSONColumn.encode(row.attributes),
                JSONColumn.encode(row.footnotes), JSONColumn.encode(row.notes),
                Data(statuses), Data(flags)])
            let rowID = db.lastInsertedRowID
            for (columnIndex, column) in matrix.columns.enumerated() {
                guard let cell = row.cells[column.key] else { continue }
                try insertCell.execute(arguments: [rowID, columnIDs[columnIndex], cell.status.rawValue, cell.literal,
                                                   cell.footnotes.isEmpty ? "[]" : JSONColumn.encode(cell.footnotes)])
                if let note = cell.note {
                    try insertNote.execute(arguments: [noteID(row: rowID, slot: columnIndex + 1), rowID, columnIDs[columnIndex], note])
                }
            }
            for (noteIndex, note) in row.notes.enumerated() {
                try insertNote.execute(arguments: [noteID(row: rowID, slot: matrix.columns.count + 1 + noteIndex), rowID, nil, note])
            }
        }

        let insertFootnote = try db.makeStatement(sql: "INSERT INTO footnote (matrix_id, label, text, position) VALUES (?, ?, ?, ?)")
        for (index, footnote) in matrix.footnotes.enumerated() {
            try insertFootnote.execute(arguments: [matrixID, footnote.label, footnote.text, index])
        }
    }

    /// Notes of one row occupy ids `rowID << 16 + 1 …`; more than 65,535 notes in a row get
    /// ordinary ids past the end (found through the slower join).
    static let noteSlots: Int64 = 1 << 16

    static func noteID(row: Int64, slot: Int) -> Int64? {
        slot < noteSlots ? row * noteSlots + Int64(slot) : nil
    }
}

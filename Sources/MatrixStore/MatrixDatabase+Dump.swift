import Foundation
import GRDB

/// A logical dump: every table's rows as sorted text lines, so two databases built from the same
/// sources compare equal whatever their page layout (`infermatrix db check`, and a test).
extension MatrixDatabase {
    /// One line per row, `table: column=value | …`, tables and rows sorted. FTS5's shadow tables
    /// are left out (they are derived from `note`); the migration list is kept.
    ///
    /// ```swift
    /// let differences = MatrixDatabase.compare(try shipped.logicalDump(), try fresh.logicalDump())
    /// ```
    public func logicalDump() throws(StoreError) -> [String] {
        try read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT LIKE 'note_fts%' ORDER BY name
                """)
            var lines: [String] = []
            for table in tables {
                var rows: [String] = []
                for row in try GRDB.Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)") {
                    rows.append("\(table): " + row.map { column, value in "\(column)=\(Self.text(value))" }.joined(separator: " | "))
                }
                lines += rows.sorted()
            }
            let schema = try String.fetchAll(db, sql: """
                SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name
                """)
            return schema.map { "schema " + $0 } + lines
        }
    }

    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let int): String(int)
        case .double(let double): String(double)
        case .string(let string): string.debugDescription
        case .blob(let data): "x'" + data.map { String(format: "%02x", $0) }.joined() + "'"
        }
    }

    /// Lines only in `expected` (prefixed `- `) and only in `actual` (`+ `); empty when equal.
    public static func compare(_ expected: [String], _ actual: [String]) -> [String] {
        let expectedSet = Set(expected), actualSet = Set(actual)
        return expected.filter { !actualSet.contains($0) }.map { "- " + $0 }
            + actual.filter { !expectedSet.contains($0) }.map { "+ " + $0 }
    }
}

import GRDB

/// The database schema, as an ordered list of named migrations.
///
/// Other modules' tables (live runs) are added by appending a migration in their own file,
/// `MatrixSchema+LiveRuns.swift`, and listing its registration function in ``registrations``:
///
/// ```swift
/// extension MatrixSchema {
///     static func registerLiveRuns(_ migrator: inout DatabaseMigrator) {
///         migrator.registerMigration("v2-live-runs") { db in try db.create(table: "run") { ... } }
///     }
/// }
/// ```
/// Never edit a migration that has shipped: add a new one.
public enum MatrixSchema {
    /// Every migration registration, in order. Append new ones at the end.
    static let registrations: [@Sendable (inout DatabaseMigrator) -> Void] = [
        registerFoundation,
        registerLiveRuns,
    ]

    /// The migrator that brings any InferMatrix database up to date.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for register in registrations { register(&migrator) }
        return migrator
    }

    // MARK: - v1: matrices, cells, notes, sources, imports

    static func registerFoundation(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v1-matrices") { db in
            try db.create(table: "source") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("path", .text).notNull()
                t.column("format", .text).notNull()
                t.column("sha256", .text).notNull()
                t.column("imported_at", .text).notNull()
            }
            try db.create(table: "matrix") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("title", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("row_header", .text).notNull()
                t.column("attribute_names", .jsonText).notNull()
                t.column("preamble", .text)
                t.column("appendix", .text)
                t.column("notes", .jsonText).notNull()
                t.column("source_id", .integer).references("source", onDelete: .setNull)
                t.column("position", .integer).notNull()
            }
            try db.create(table: "matrix_column") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("matrix_id", .integer).notNull().references("matrix", onDelete: .cascade)
                t.column("key", .text).notNull()
                t.column("title", .text).notNull()
                t.column("footnotes", .jsonText).notNull()
                t.column("position", .integer).notNull()
                t.uniqueKey(["matrix_id", "key"])
            }
            try db.create(table: "matrix_row") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("matrix_id", .integer).notNull().references("matrix", onDelete: .cascade)
                t.column("key", .text).notNull()
                t.column("section", .text)
                t.column("position", .integer).notNull()
                t.column("attributes", .jsonText).notNull()
                t.column("footnotes", .jsonText).notNull()
                t.column("notes", .jsonText).notNull()
                // One status code and one flag byte per column, in column order: the grid's fast path.
                t.column("statuses", .blob).notNull()
                t.column("flags", .blob).notNull()
                t.uniqueKey(["matrix_id", "key"])
            }
            try db.create(index: "matrix_row_position", on: "matrix_row", columns: ["matrix_id", "position"])
            try db.create(table: "cell", options: .withoutRowID) { t in
                t.column("row_id", .integer).notNull().references("matrix_row", onDelete: .cascade)
                t.column("column_id", .integer).notNull().references("matrix_column", onDelete: .cascade)
                t.column("status", .text).notNull()
                t.column("literal", .text).notNull()
                t.column("footnotes", .jsonText).notNull()
                t.primaryKey(["row_id", "column_id"])
            }
            try db.create(index: "cell_column", on: "cell", columns: ["column_id"])
            try db.create(table: "note") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("row_id", .integer).notNull().references("matrix_row", onDelete: .cascade)
                t.column("column_id", .integer).references("matrix_column", onDelete: .cascade)
                t.column("text", .text).notNull()
            }
            try db.create(index: "note_row", on: "note", columns: ["row_id"])
            try db.create(index: "note_column", on: "note", columns: ["column_id"])
            // External-content FTS5 index over note.text; its rowid is note.id.
            try db.create(virtualTable: "note_fts", using: FTS5()) { t in
                t.synchronize(withTable: "note")
                t.tokenizer = .unicode61()
                t.column("text")
            }
            try db.create(table: "footnote") { t in
                t.column("matrix_id", .integer).notNull().references("matrix", onDelete: .cascade)
                t.column("label", .text).notNull()
                t.column("text", .text).notNull()
                t.column("position", .integer).notNull()
                t.primaryKey(["matrix_id", "label"])
            }
            try db.create(table: "import_event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("source_id", .integer).notNull().references("source", onDelete: .cascade)
                t.column("at", .text).notNull()
                t.column("summary", .text).notNull()
            }
            try db.create(table: "matrix_change") { t in
                t.column("import_id", .integer).notNull().references("import_event", onDelete: .cascade)
                t.column("matrix", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("row_key", .text)
                t.column("column_key", .text)
                t.column("old_status", .text)
                t.column("new_status", .text)
            }
            try db.create(index: "matrix_change_import", on: "matrix_change", columns: ["import_id"])
            try db.create(index: "matrix_change_row", on: "matrix_change", columns: ["matrix", "row_key"])
        }
    }
}

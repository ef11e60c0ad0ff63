import Foundation
import GRDB
import MatrixCore

/// Importing documents: every file of one call in one transaction, with the changes recorded.
extension MatrixDatabase {
    // MARK: - Import

    /// Reads each file, stores its matrices (replacing those of the same name) or merges its test
    /// results into `params`, and records what changed. All files or nothing: on any error the
    /// database is left exactly as it was.
    ///
    /// ```swift
    /// let reports = try store.importFiles(["data/sources/parameter-matrix.md"])
    /// ```
    /// - Parameter time: the import time recorded (`bundled` for the shipped database).
    /// - Throws: ``ImportError`` (file, line, field) or ``StoreError``.
    public func importFiles(_ paths: [String], at time: String = MatrixDatabase.now()) throws -> [ImportReport] {
        try importFiles(paths.map { ($0, $0) }, at: time)
    }

    /// Imports files read from one path and recorded under another (`data/sources/x.md` for the
    /// bundled database, so its contents do not depend on where the checkout lives).
    public func importFiles(_ files: [(read: String, recorded: String)], at time: String) throws -> [ImportReport] {
        try write { db in
            try files.map { file in try Self.importFile(file.read, recordedAs: file.recorded, at: time, in: db, store: self) }
        }
    }

    /// The current time as recorded in `source.imported_at`: ISO 8601, UTC, seconds.
    public static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    static func importFile(_ readPath: String, recordedAs path: String, at time: String, in db: Database,
                           store: MatrixDatabase) throws -> ImportReport {
        let (document, source) = try DocumentImporter.read(try contents(readPath, recordedAs: path), path: path)
        return try apply(document, source: source, at: time, in: db, store: store)
    }

    /// The bytes of a file, a FIFO or a process substitution (`<(gunzip -c x.md.gz)`): read to
    /// the end through the descriptor, since a pipe has no size to stat. The error says which of
    /// missing, a directory or not permitted it is.
    static func contents(_ readPath: String, recordedAs path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(readPath, &info) == 0 else {
            throw StoreError(path: path, message: "cannot be read: \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFDIR { throw StoreError(path: path, message: "is a directory, not a document") }
        let descriptor = open(readPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError(path: path, message: "cannot be opened: \(String(cString: strerror(errno)))") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw StoreError(path: path, message: "could not be read to the end", context: "\(error)")
        }
    }

    /// Stores matrices that did not come from a file on disk (generated ones: the benchmark, tests),
    /// recorded as an import of `source`, in one transaction.
    ///
    /// ```swift
    /// try store.importMatrices([matrix], source: SourceDocument(path: "synthetic", format: .parameterMarkdown, sha256: ""))
    /// ```
    public func importMatrices(_ matrices: [Matrix], source: SourceDocument, at time: String = MatrixDatabase.now()) throws -> ImportReport {
        try write { db in try Self.apply(.matrices(matrices), source: source, at: time, in: db, store: self) }
    }

    static func apply(_ document: ImportedDocument, source: SourceDocument, at time: String, in db: Database,
                      store: MatrixDatabase) throws -> ImportReport {
        let path = source.path
        try db.execute(sql: "INSERT INTO source (path, format, sha256, imported_at) VALUES (?, ?, ?, ?)",
                       arguments: [source.path, source.format.rawValue, source.sha256, time])
        let sourceID = db.lastInsertedRowID

        var written: [(matrix: Matrix, sourceID: Int64?)] = []
        var results: [ImportReport.MatrixResult] = []
        var changes: [(String, MatrixChange)] = []
        var runs: ImportReport.RunsResult?
        switch document {
        case .matrices(let matrices):
            for var matrix in matrices {
                matrix.source = source
                let old = try loadMatrixIfPresent(matrix.name, in: db, store: store)
                let found = matrix.changes(since: old)
                if old != matrix { written.append((matrix, sourceID)) }
                results.append(.init(name: matrix.name, rowCount: matrix.rows.count, columnCount: matrix.columns.count, changes: found))
                changes += found.map { (matrix.name, $0) }
            }
        case .testResults(let testResults):
            guard let old = try loadMatrixIfPresent("params", in: db, store: store) else {
                throw StoreError(path: path, message: "holds \(testResults.backend) test results, but the database has no params matrix to merge them into",
                                 context: "import the parameter matrix first")
            }
            let merged = old.merging(testResults)
            let found = merged.changes(since: old)
            let keptSource = try Int64.fetchOne(db, sql: "SELECT source_id FROM matrix WHERE name = 'params'")
            if merged != old { written.append((merged, keptSource)) }
            results.append(.init(name: merged.name, rowCount: merged.rows.count, columnCount: merged.columns.count, changes: found))
            changes += found.map { (merged.name, $0) }
        case .liveRuns(let file):
            // Runs recorded elsewhere are read under today's verdict rule (RunVerdict.recorded): a
            // pass without an effect check, e.g. recorded before checks declared a kind, is stored
            // uncertain, saying why; every other run is stored as it was written.
            let (recorded, present) = try RunStore.importRuns(file.runs.map(RunVerdict.reread), in: db)
            runs = ImportReport.RunsResult(recorded: recorded, alreadyPresent: present)
        }
        for (matrix, id) in written { try save(matrix, sourceID: id, in: db) }

        let summary = results.map { "\($0.name): \($0.summary)" }.joined(separator: "; ") + (runs.map { "runs: \($0)" } ?? "")
        try db.execute(sql: "INSERT INTO import_event (source_id, at, summary) VALUES (?, ?, ?)",
                       arguments: [sourceID, time, summary])
        let importID = db.lastInsertedRowID
        let insertChange = try db.makeStatement(sql: """
            INSERT INTO matrix_change (import_id, matrix, kind, row_key, column_key, old_status, new_status)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (matrix, change) in changes {
            let stored = StoredChange(change)
            try insertChange.execute(arguments: [importID, matrix, stored.kind, stored.row, stored.column,
                                                 stored.old?.rawValue, stored.new?.rawValue])
        }
        return ImportReport(source: source, matrices: results, runs: runs)
    }
}

/// A ``MatrixChange`` as the columns of `matrix_change`.
struct StoredChange {
    var kind: String
    var row: String?
    var column: String?
    var old: CellStatus?
    var new: CellStatus?

    init(_ change: MatrixChange) {
        switch change {
        case .rowAdded(let row): self.init(kind: "row-added", row: row)
        case .rowRemoved(let row): self.init(kind: "row-removed", row: row)
        case .columnAdded(let column): self.init(kind: "column-added", column: column)
        case .columnRemoved(let column): self.init(kind: "column-removed", column: column)
        case .statusChanged(let row, let column, let from, let to):
            self.init(kind: "status-changed", row: row, column: column, old: from, new: to)
        }
    }

    init(kind: String, row: String? = nil, column: String? = nil, old: CellStatus? = nil, new: CellStatus? = nil) {
        self.kind = kind
        self.row = row
        self.column = column
        self.old = old
        self.new = new
    }

    var change: MatrixChange? {
        switch kind {
        case "row-added": row.map { .rowAdded(row: $0) }
        case "row-removed": row.map { .rowRemoved(row: $0) }
        case "column-added": column.map { .columnAdded(column: $0) }
        case "column-removed": column.map { .columnRemoved(column: $0) }
        case "status-changed":
            if let row, let column, let old, let new { .statusChanged(row: row, column: column, from: old, to: new) } else { nil }
        default: nil
        }
    }
}

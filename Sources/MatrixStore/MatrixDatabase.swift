import Foundation
import GRDB

/// An InferMatrix database file: matrices, cells, notes (with a full-text index), the documents
/// they came from and the changes each import made. WAL mode with a 5-second busy timeout, so two
/// instances can share one file.
///
/// ```swift
/// let store = try MatrixDatabase(path: "/tmp/matrix.sqlite")
/// let grid = try store.loadGrid("params")
/// ```
public final class MatrixDatabase: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    // MARK: - Opening

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    ///
    /// ```swift
    /// let store = try MatrixDatabase(path: path, readOnly: true)   // `list`, `show`, `export`
    /// ```
    /// - Parameter readOnly: for commands that only read: an up-to-date database is opened
    ///   read-only, so the command writes nothing (no switch to WAL, no `-wal` file made by a write,
    ///   no checkpoint and `fsync` at exit: milliseconds a command). One that needs migrating is
    ///   opened for writing and migrated, as without it; so is one whose `-wal` file holds more
    ///   than ``readOnlyWALLimit`` (a read-only connection indexes the log in its own memory,
    ///   reading all of it: the 80 MB log of a million-cell import whose process still runs made
    ///   `list` five times slower).
    /// - Throws: ``StoreError`` when the file exists but is not SQLite (it is never overwritten),
    ///   is SQLite without InferMatrix's schema, or when its directory cannot be written.
    public init(path: String, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        try Self.checkLocation(path, exists: exists)
        var current = false
        if exists {
            try Self.checkHeader(path)
            current = try Self.checkOurs(path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly && current && Self.walSize(path) <= Self.readOnlyWALLimit
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(path: path, message: "could not be opened", context: "\(error)")
        }
        if !current { try migrate() }
    }

    /// The largest `-wal` file a read-only open accepts (SQLite's auto-checkpoint keeps a writer's
    /// log under about 4 MB; a bigger one is an import still running or a writer that crashed).
    static let readOnlyWALLimit = 4 << 20

    static func walSize(_ path: String) -> Int {
        var info = stat()
        return stat(path + "-wal", &info) == 0 ? Int(info.st_size) : 0
    }

    /// Refuses directories, and directories that cannot be written (WAL needs `-wal` and `-shm` files).
    static func checkLocation(_ path: String, exists: Bool) throws(StoreError) {
        var isDirectory: ObjCBool = false
        if exists, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError(path: path, message: "is a directory, not an InferMatrix database")
        }
        let directory = (path as NSString).deletingLastPathComponent.isEmpty
            ? "." : (path as NSString).deletingLastPathComponent
        if !exists {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError(path: directory, message: "cannot be created to hold the database",
                                 context: error.localizedDescription)
            }
        }
        if access(directory, W_OK) != 0 {
            throw StoreError(path: directory, message: "is not writable (the database \(path) needs its -wal and -shm files there)")
        }
        if exists, access(path, W_OK) != 0 {
            throw StoreError(path: path, message: "is not writable")
        }
    }

    /// The 16 bytes every SQLite 3 file starts with.
    static let sqliteHeader: [UInt8] = Array("SQLite format 3\0".utf8)

    static func checkHeader(_ path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(path: path, message: "cannot be read")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)).map { [UInt8]($0) } ?? []
        if head != sqliteHeader {
            throw StoreError(path: path, message: "is not an InferMatrix database (not SQLite)")
        }
    }

    // MARK: - Schema

    /// Refuses an SQLite file that is not ours, or is ours from a newer InferMatrix, reading it
    /// through a read-only connection: nothing is written to a file we refuse (not even the switch
    /// to WAL that opening a pool makes, D8). Returns whether every migration has been applied.
    @discardableResult
    static func checkOurs(_ path: String) throws(StoreError) -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let (ours, tables, superseded, current) = try queue.read { db in
                (try db.tableExists("grdb_migrations") && db.tableExists("matrix"),
                 try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"),
                 try MatrixSchema.migrator.hasBeenSuperseded(db),
                 try MatrixSchema.migrator.hasCompletedMigrations(db))
            }
            if !ours && !tables.isEmpty {
                throw StoreError(path: path, message: "is an SQLite database but not an InferMatrix database",
                                 context: "it has tables \(tables.prefix(5).joined(separator: ", ")) and no matrix table")
            }
            if superseded {
                throw StoreError(path: path, message: "was written by a newer InferMatrix; upgrade to open it")
            }
            return current
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, message: "could not be read", context: "\(error)")
        }
    }

    private func migrate() throws(StoreError) {
        let migrator = MatrixSchema.migrator
        do {
            try migrator.migrate(pool)
        } catch {
            throw StoreError(path: path, message: "could not be migrated", context: "\(error)")
        }
    }

    // MARK: - Access

    /// Runs `body` in a read transaction, wrapping database errors in ``StoreError``.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, message: "could not be read", context: "\(error)")
        }
    }

    /// Runs `body` in one write transaction: all of it is written, or none.
    /// Errors thrown by `body` (an ``ImportError`` too) pass through unchanged.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw StoreError(path: path, message: "could not be written", context: "\(error)")
        }
    }

    /// Writes everything to the main file and leaves it in rollback-journal mode, so it can be
    /// shipped or copied as one file.
    public func checkpointForShipping() throws(StoreError) {
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try pool.close()
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                try db.execute(sql: "VACUUM")
            }
            try queue.close()
        } catch {
            throw StoreError(path: path, message: "could not be checkpointed", context: "\(error)")
        }
    }
}

import Foundation

/// Creating databases: the user's one from the bundled copy, and the bundled one from `data/sources`.
extension MatrixDatabase {
    // MARK: - Opening with a seed

    /// Opens `path`; when it does not exist yet, it starts as a copy of the bundled database, or
    /// is built from `data/sources`, or starts empty. `log` receives one line saying which.
    ///
    /// ```swift
    /// let store = try MatrixDatabase.openOrCreate(path: locations.userDatabase) { FileHandle.standardError.write($0) }
    /// ```
    public static func openOrCreate(path: String, readOnly: Bool = false, locations: DataLocations = DataLocations(),
                                    log: (String) -> Void = { _ in }) throws -> MatrixDatabase {
        if FileManager.default.fileExists(atPath: path) { return try MatrixDatabase(path: path, readOnly: readOnly) }
        guard !path.isEmpty else { throw StoreError(path: "''", message: "is no database path") }
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent   // `--db x.sqlite`: here, never `/`
        _ = try MatrixDatabase.checkLocation(path, exists: false)
        // Built under a name of this process's own, then published with link(2), which never
        // replaces: when several commands start at once on a fresh data directory, the first to
        // publish wins and the others open its file (D7).
        let staging = directory + "/.\((path as NSString).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        defer { for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: staging + suffix) } }
        if let bundled = locations.bundledDatabase {
            do {
                try FileManager.default.copyItem(atPath: bundled, toPath: staging)
            } catch {
                throw StoreError(path: path, message: "could not be created from the bundled database \(bundled)",
                                 context: error.localizedDescription)
            }
            try publish(staging, at: path)
            return try MatrixDatabase(path: path, readOnly: readOnly)
        }
        if let sources = locations.sourcesDirectory {
            log("no bundled database found; building \(path) from \(sources)")
            try buildBundled(sources: sources, output: staging)
            try publish(staging, at: path)
            return try MatrixDatabase(path: path, readOnly: readOnly)
        }
        log("no bundled database and no data/sources found; \(path) starts empty (use `infermatrix import FILE`)")
        return try MatrixDatabase(path: path)
    }

    /// Gives `staging` the name `path` unless a file has it already (then that one stays).
    private static func publish(_ staging: String, at path: String) throws(StoreError) {
        if link(staging, path) == 0 || errno == EEXIST { return }
        // A file system without hard links: a plain rename, unless the file appeared meanwhile.
        if [EPERM, EOPNOTSUPP, EXDEV].contains(errno), !FileManager.default.fileExists(atPath: path),
           rename(staging, path) == 0 || FileManager.default.fileExists(atPath: path) { return }
        throw StoreError(path: path, message: "could not be created", context: String(cString: strerror(errno)))
    }

    // MARK: - The bundled database

    /// The documents of a sources directory, in the (sorted) order they are imported.
    public static func sourceFiles(in directory: String) throws(StoreError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw StoreError(path: directory, message: "cannot be listed")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
    }

    /// The runs directory that goes with a sources directory: `data/runs` beside `data/sources`.
    public static func runsDirectory(besides sources: String) -> String {
        let trimmed = sources.hasSuffix("/") ? String(sources.dropLast()) : sources
        return ((trimmed as NSString).deletingLastPathComponent.isEmpty ? "." : (trimmed as NSString).deletingLastPathComponent) + "/runs"
    }

    /// The committed runs files of a runs directory (`*.runs.json`, sorted by name); none when the
    /// directory does not exist. Other files there (its README) are not runs.
    public static func runFiles(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".runs.json") }.sorted().map { directory + "/" + $0 }
    }

    /// Builds a database at `output` from the documents in `sources`, then the runs files in
    /// `runs` (default: `data/runs` beside the sources), deterministically: sorted inputs, import
    /// time `bundled`, paths recorded as `data/sources/NAME` and `data/runs/NAME`, one file in
    /// rollback-journal mode. Replaces `output` only when the build succeeded.
    ///
    /// ```swift
    /// try MatrixDatabase.buildBundled(sources: "data/sources", output: "data/matrix.sqlite")
    /// ```
    @discardableResult
    public static func buildBundled(sources: String, runs: String? = nil, output: String) throws -> [ImportReport] {
        let staging = output + ".building"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staging + suffix) } }
        let store = try MatrixDatabase(path: staging)
        let documents = try sourceFiles(in: sources).map { ($0, "data/sources/" + ($0 as NSString).lastPathComponent) }
        let runFiles = runFiles(in: runs ?? runsDirectory(besides: sources)).map { ($0, "data/runs/" + ($0 as NSString).lastPathComponent) }
        let reports = try store.importFiles(documents + runFiles, at: "bundled")
        try store.checkpointForShipping()
        do {
            if FileManager.default.fileExists(atPath: output) { try FileManager.default.removeItem(atPath: output) }
            try FileManager.default.moveItem(atPath: staging, toPath: output)
        } catch {
            throw StoreError(path: output, message: "could not be replaced", context: error.localizedDescription)
        }
        return reports
    }

    /// The differences between the logical dumps of `shipped` and a fresh build from `sources` and
    /// `runs` (empty when they agree). Neither file is modified: both are read from temporary copies.
    public static func checkBundled(shipped: String, sources: String, runs: String? = nil) throws -> [String] {
        let scratch = NSTemporaryDirectory() + "infermatrix-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        guard FileManager.default.fileExists(atPath: shipped) else {
            throw StoreError(path: shipped, message: "does not exist", context: "run `infermatrix db rebuild`")
        }
        // A shipped file in WAL mode (any command that opened it to write switched it) grows
        // -wal/-shm files beside it in data/ whenever it is opened: rebuilt files are rollback-mode.
        let header = FileHandle(forReadingAtPath: shipped).flatMap { try? $0.read(upToCount: 20) } ?? Data()
        let wal = header.count == 20 && header[18] == 2
        try FileManager.default.copyItem(atPath: shipped, toPath: scratch + "/shipped.sqlite")
        try buildBundled(sources: sources, runs: runs, output: scratch + "/fresh.sqlite")
        let expected = try MatrixDatabase(path: scratch + "/fresh.sqlite").logicalDump()
        let actual = try MatrixDatabase(path: scratch + "/shipped.sqlite").logicalDump()
        return (wal ? ["journal mode WAL (shipped) instead of rollback (fresh): a command opened it to write"] : [])
            + compare(expected, actual)
    }
}

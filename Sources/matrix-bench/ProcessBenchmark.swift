import Foundation
import MatrixCore
import MatrixStore

/// The CLI as a whole process against the sqlite3 command-line tool on the same data (issue 14
/// item 2; target ≤ 2×): a 20,000 × 50 features matrix (one million cells), a selective query
/// (`list --matrix features 'feature:"Feature 7" status:failed' --format csv`), the whole
/// matrix as CSV, and `show` of one row. sqlite3 reads a plain table made from the CLI's own whole-matrix CSV
/// (`.import --csv`), so both print the same rows; each figure is the median of several runs of
/// the release binary, output to /dev/null. Without sqlite3 on PATH the comparison is skipped
/// with a message; the CLI's figures still print.
///
/// ```sh
/// swift build -c release && .build/release/matrix-bench process
/// ```
enum ProcessBenchmark {
    static let rows = 20_000, columns = 50, repeats = 9

    static func run() throws {
        // MATRIX_BENCH_KEEP=DIR keeps the database and the plain table there (for profiling).
        let kept = ProcessInfo.processInfo.environment["MATRIX_BENCH_KEEP"]
        let directory = kept ?? NSTemporaryDirectory() + "matrix-bench-process-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let binary = URL(fileURLWithPath: DataLocations.currentExecutable()).deletingLastPathComponent()
            .appendingPathComponent("infermatrix").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("whole process: \(binary) is missing; build it in the same configuration (swift build -c release)")
            return
        }
        let database = directory + "/features.sqlite"
        for stale in [database, database + "-wal", database + "-shm", directory + "/plain.sqlite"] { try? FileManager.default.removeItem(atPath: stale) }
        let matrix = SyntheticMatrix.make(rows: rows, columns: columns, kind: .features)
        do {   // closed before timing, as after an `import` command: its log checkpointed into the file
            let store = try MatrixDatabase(path: database)
            _ = try store.importMatrices([matrix], source: SourceDocument(path: "synthetic", format: .supportedModelsPage, sha256: ""))
        }
        let shown = matrix.rows[rows / 2].key
        print("whole process: infermatrix (release) vs sqlite3 CLI, \(rows) × \(columns) features matrix, "
              + "median of \(repeats) runs, output to /dev/null (target ≤ 2×)")
        let base = [binary, "list", "--db", database, "--matrix", "features", "--format", "csv"]
        let selective = base + [#"feature:"Feature 7" status:failed"#]
        let whole = base
        let wholeCSV = directory + "/whole.csv"
        _ = try execute(whole, output: wholeCSV)
        let sqlite = which("sqlite3")
        var plain: String?
        if let sqlite {
            plain = directory + "/plain.sqlite"
            _ = try execute([sqlite, plain!, ".import --csv \(wholeCSV) matrix"], output: "/dev/null")
        } else {
            print("  sqlite3 is not on PATH: the comparison is skipped (apt-get install sqlite3)")
        }
        let cases: [(String, [String], String)] = [
            ("selective query", selective, #"SELECT Model, Section, "Feature 7", Notes FROM matrix WHERE "Feature 7" = 'failed'"#),
            ("whole matrix CSV", whole, "SELECT * FROM matrix"),
            ("show one row", [binary, "show", "--db", database, "--matrix", "features", shown],
             "SELECT * FROM matrix WHERE Model = '\(shown)'"),
        ]
        for (label, command, sql) in cases {
            let ours = try median(command)
            let size = (try? FileManager.default.attributesOfItem(atPath: try capture(command, in: directory))[.size] as? Int) ?? 0
            var line = String(format: "  %-17@ infermatrix %7.1f ms (%d KB)", label as NSString, ours.wall, size / 1024)
            var cpu = String(format: "  %-17@ CPU         %7.1f ms", "" as NSString, ours.cpu)
            if let sqlite, let plain {
                let theirs = try median([sqlite, "-csv", "-header", plain, sql])
                line += String(format: "   sqlite3 %7.1f ms   ratio %.2f×", theirs.wall, ours.wall / theirs.wall)
                cpu += String(format: "              sqlite3 %7.1f ms   ratio %.2f×", theirs.cpu, ours.cpu / theirs.cpu)
            }
            print(line)
            print(cpu)
        }
        print("  (load average while measuring: \(String(format: "%.2f", loadAverage())))")
    }

    /// The median wall time and the median CPU time (user + system, from `wait4`'s usage) of
    /// `repeats` runs, in milliseconds (one warm-up run first). On a loaded machine the wall time
    /// includes waiting for a core; the CPU time moves less.
    static func median(_ command: [String]) throws -> (wall: Double, cpu: Double) {
        _ = try execute(command, output: "/dev/null")
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<repeats {
            let run = try execute(command, output: "/dev/null")
            walls.append(run.wall)
            cpus.append(run.cpu)
        }
        return (walls.sorted()[repeats / 2], cpus.sorted()[repeats / 2])
    }

    /// Runs `command` with stdout to `output` (stderr to /dev/null); returns the wall and CPU time
    /// in ms (throws on a non-zero exit). posix_spawn and wait4: Foundation's `waitUntilExit` polls
    /// its run loop and would round every figure up to its tick.
    @discardableResult
    static func execute(_ command: [String], output: String) throws -> (wall: Double, cpu: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw StoreError(path: command[0], message: "could not be started: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        guard status == 0 else {
            throw StoreError(path: command[0], message: "exited with wait status \(status)", context: command.joined(separator: " "))
        }
        func ms(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return (elapsed, ms(usage.ru_utime) + ms(usage.ru_stime))
    }

    /// Runs `command` once more into a file (for the output's size); returns the file's path.
    static func capture(_ command: [String], in directory: String) throws -> String {
        let path = directory + "/out.csv"
        try execute(command, output: path)
        return path
    }

    static func which(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func loadAverage() -> Double {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) > 0 ? loads[0] : -1
    }
}

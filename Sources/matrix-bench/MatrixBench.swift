import Foundation
import MatrixCore
import MatrixStore

/// `matrix-bench`: builds a 20,000 × 50 synthetic matrix (one million cells, a fifth with notes),
/// imports it into a fresh database and prints import time, open-to-first-query time, query
/// percentiles, CSV export time and peak RSS. Import and export run in child processes (this same
/// executable with `import`/`export` arguments) so that the query process's peak RSS is its own.
///
/// ```sh
/// swift build -c release --product matrix-bench && .build/release/matrix-bench
/// .build/release/matrix-bench live     # only the live pane's latency (a real harness run)
/// .build/release/matrix-bench pane     # the pane's 100,000-line log (fold, frames, search) and a paste into /
/// .build/release/matrix-bench sidebyside   # only three environments side by side
/// .build/release/matrix-bench process  # only the CLI as a whole process vs the sqlite3 CLI
/// .build/release/matrix-bench explorer     # only the explorer's frames, keystrokes and sorts
/// ```
@main
enum MatrixBench {
    static let rows = 20_000
    static let columns = 50

    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count == 2, arguments[1] == "live" { return LivePaneBenchmark.run() }
        if arguments.count == 2, arguments[1] == "pane" { return LiveLogBenchmark.run() }
        if arguments.count == 2, arguments[1] == "sidebyside" { return SideBySideBenchmark.run() }
        if arguments.count == 2, arguments[1] == "process" { return try ProcessBenchmark.run() }
        if arguments.count == 2, arguments[1] == "explorer" { return ExplorerBenchmark.run() }
        if arguments.count == 3, arguments[1] == "import" { return try importStep(arguments[2]) }
        if arguments.count == 4, arguments[1] == "export" { return try exportStep(arguments[2], arguments[3]) }
        let directory = NSTemporaryDirectory() + "matrix-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // MATRIX_BENCH_DB=FILE keeps the imported database there and reuses it on the next run.
        let kept = ProcessInfo.processInfo.environment["MATRIX_BENCH_DB"]
        let path = kept ?? directory + "/bench.sqlite"
        print("matrix-bench: \(rows) rows × \(columns) columns = \(rows * columns) cells, a fifth with notes")
        fflush(nil)
        if kept == nil || !FileManager.default.fileExists(atPath: path) {
            try child(["import", path])
        } else {
            print("reusing \(path) (import not measured)")
        }
        try queries(path)
        fflush(nil)
        try child(["export", path, directory + "/bench.csv"])
        ExplorerBenchmark.run()
        fflush(nil)
        try child(["sidebyside"])
        try child(["process"])
        LivePaneBenchmark.run()
    }

    // MARK: - Steps

    static func importStep(_ path: String) throws {
        let (generate, matrix) = Measurement.time { SyntheticMatrix.make(rows: rows, columns: columns) }
        let generatedRSS = Measurement.peakRSSMegabytes()
        let store = try MatrixDatabase(path: path)
        let (seconds, _) = try Measurement.time {
            try store.importMatrices([matrix], source: SourceDocument(path: "synthetic", format: .parameterMarkdown, sha256: ""))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("generate matrix:           \(Measurement.ms(generate))")
        print("import (one transaction):  \(Measurement.ms(seconds))  (db \(size / 1_048_576) MB + WAL)")
        print("  import process peak RSS: \(String(format: "%.1f", Measurement.peakRSSMegabytes())) MB"
              + "  (\(String(format: "%.1f", generatedRSS)) MB of it the generated matrix, before the import)")
    }

    static func queries(_ path: String) throws {
        let (first, firstCPU, store) = try Measurement.timeWithCPU { () throws -> (MatrixDatabase, MatrixGrid) in
            let store = try MatrixDatabase(path: path)
            let grid = try store.loadGrid("params")
            _ = grid.select(try Query.parse("status:failed")) { try? store.noteMatches(matrix: "params", word: $0) }
            return (store, grid)
        }
        print("open + loadGrid + 1 query: \(Measurement.ms(first)) wall, \(Measurement.ms(firstCPU)) CPU  (target ≤ 50 ms)")
        let (database, grid) = store
        let (reopen, again) = try Measurement.time { try MatrixDatabase(path: path) }
        let (reload, _) = try Measurement.time { try again.loadGrid("params") }
        print("  of which (again, warm): open \(Measurement.ms(reopen)), loadGrid \(Measurement.ms(reload))")
        for word in ["segfault", "block"] {
            var samples: [Double] = [], cpu: [Double] = []
            var count = 0
            for _ in 0..<200 {
                let (seconds, used, rows) = try Measurement.timeWithCPU { try database.noteMatches(matrix: "params", word: word) }
                samples.append(seconds)
                cpu.append(used)
                count = rows.count
            }
            print(String(format: "FTS5 noteMatches alone %-9@ p50 %6.2f ms  p99 %6.2f ms wall; CPU p50 %6.2f p99 %6.2f ms  (%d rows)", "'\(word)'" as NSString,
                         Measurement.percentile(samples, 50), Measurement.percentile(samples, 99),
                         Measurement.percentile(cpu, 50), Measurement.percentile(cpu, 99), count))
        }
        let (indexing, index) = Measurement.time { GridSearchIndex(grid) }
        print("search index (once per grid, as the explorer keeps it): \(Measurement.ms(indexing))")
        let typical = [
            ("free word", "block"),
            ("status:failed", "status:failed"),
            ("backend:X", "backend:b7"),
            ("note word (FTS5)", "segfault"),
            ("combined", "backend:b3 status:failed section:quantization -kernel"),
        ]
        for (label, text) in typical {
            var samples: [Double] = [], cpu: [Double] = []
            var count = 0
            for _ in 0..<200 {
                let (seconds, used, selection) = try Measurement.timeWithCPU {
                    grid.select(try Query.parse(text), index: index) { try? database.noteMatches(matrix: "params", word: $0) }
                }
                samples.append(seconds)
                cpu.append(used)
                count = selection.rows.count
            }
            print(String(format: "query %-17@ p50 %6.2f ms  p99 %6.2f ms wall; CPU p50 %6.2f p99 %6.2f ms  (%d rows)  %@", label as NSString,
                         Measurement.percentile(samples, 50), Measurement.percentile(samples, 99),
                         Measurement.percentile(cpu, 50), Measurement.percentile(cpu, 99), count, "'\(text)'" as NSString))
        }
        print("  query process peak RSS:  \(String(format: "%.1f", Measurement.peakRSSMegabytes())) MB  (target ≤ 150 MB)")
    }

    static func exportStep(_ path: String, _ output: String) throws {
        let store = try MatrixDatabase(path: path)
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        guard let file = FileHandle(forWritingAtPath: output) else { throw StoreError(path: output, message: "cannot be written") }
        var bytes = 0
        let (seconds, _) = try Measurement.time {
            try store.export("params", rows: nil, columns: nil, as: .csv) { chunk in
                let data = Data(chunk)
                bytes += data.count
                file.write(data)
            }
        }
        try file.close()
        print("CSV export of the whole matrix (chunked, to a file): \(Measurement.ms(seconds))  (\(bytes / 1_048_576) MB)")
        print("  export process peak RSS: \(String(format: "%.1f", Measurement.peakRSSMegabytes())) MB")
    }

    // MARK: - Child processes

    static func child(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DataLocations.currentExecutable())
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw StoreError(path: arguments.last ?? "", message: "benchmark step \(arguments[0]) failed", context: "exit \(process.terminationStatus)")
        }
    }
}

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
/// ```
@main
enum MatrixBench {
    static let rows = 20_000
    static let columns = 50

    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count == 3, arguments[1] == "import" { return try importStep(arguments[2]) }
        if arguments.count == 4, arguments[1] == "export" { return try exportStep(arguments[2], arguments[3]) }
        let directory = NSTemporaryDirectory() + "matrix-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/bench.sqlite"
        print("matrix-bench: \(rows) rows × \(columns) columns = \(rows * columns) cells, a fifth with notes")
        try child(["import", path])
        try queries(path)
        try child(["export", path, directory + "/bench.csv"])
    }

    // MARK: - Steps

    static func importStep(_ path: String) throws {
        let (generate, matrix) = Measurement.time { SyntheticMatrix.make(rows: rows, columns: columns) }
        let store = try MatrixDatabase(path: path)
        let (seconds, _) = try Measurement.time {
            try store.importMatrices([matrix], source: SourceDocument(path: "synthetic", format: .parameterMarkdown, sha256: ""))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("generate matrix:           \(Measurement.ms(generate))")
        print("import (one transaction):  \(Measurement.ms(seconds))  (db \(size / 1_048_576) MB + WAL)")
        print("  import process peak RSS: \(String(format: "%.1f", Measurement.peakRSSMegabytes())) MB")
    }

    static func queries(_ path: String) throws {
        let (first, store) = try Measurement.time { () throws -> (MatrixDatabase, MatrixGrid) in
            let store = try MatrixDatabase(path: path)
            let grid = try store.loadGrid("params")
            _ = grid.select(try Query.parse("status:failed")) { try? store.noteMatches(matrix: "params", word: $0) }
            return (store, grid)
        }
        print("open + loadGrid + 1 query: \(Measurement.ms(first))  (target ≤ 50 ms)")
        let (database, grid) = store
        let typical = [
            ("free word", "block"),
            ("status:failed", "status:failed"),
            ("backend:X", "backend:b7"),
            ("note word (FTS5)", "segfault"),
            ("combined", "backend:b3 status:failed section:quantization -kernel"),
        ]
        for (label, text) in typical {
            var samples: [Double] = []
            var count = 0
            for _ in 0..<200 {
                let (seconds, selection) = try Measurement.time {
                    grid.select(try Query.parse(text)) { try? database.noteMatches(matrix: "params", word: $0) }
                }
                samples.append(seconds)
                count = selection.rows.count
            }
            print(String(format: "query %-18@ p50 %6.2f ms  p99 %6.2f ms  (%d rows)  %@", label as NSString,
                         Measurement.percentile(samples, 50), Measurement.percentile(samples, 99), count, "'\(text)'" as NSString))
        }
        print("  query process peak RSS:  \(String(format: "%.1f", Measurement.peakRSSMegabytes())) MB  (target ≤ 150 MB)")
    }

    static func exportStep(_ path: String, _ output: String) throws {
        let store = try MatrixDatabase(path: path)
        let (load, matrix) = try Measurement.time { try store.loadMatrix("params") }
        let (export, csv) = Measurement.time { MatrixExporter.export(matrix, as: .csv) }
        let (write, _) = try Measurement.time { try Data(csv.utf8).write(to: URL(fileURLWithPath: output)) }
        print("CSV export of the whole matrix: \(Measurement.ms(load + export + write)) (load \(Measurement.ms(load)), format \(Measurement.ms(export)), write \(Measurement.ms(write)); \(csv.utf8.count / 1_048_576) MB)")
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

import Foundation
import MatrixStore

/// Runs the built `infermatrix` binary (`.build/debug/infermatrix`; `swift build` makes it before
/// `swift test`, see `scripts/test`) as a child process, in a scratch directory with its own
/// `XDG_DATA_HOME`.
struct CLI {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let binary = packageRoot + "/.build/debug/infermatrix"
    static let sources = packageRoot + "/data/sources"

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A scratch directory for one test.
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "cli-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Runs `infermatrix args…`; `prefix` runs it through another program (`setpriv …`).
    @discardableResult
    func run(_ args: [String], environment extra: [String: String] = [:], prefix: [String] = []) throws -> Result {
        let process = Process()
        let command = prefix + [Self.binary] + args
        process.executableURL = URL(fileURLWithPath: command[0].hasPrefix("/") ? command[0] : "/usr/bin/env")
        process.arguments = command[0].hasPrefix("/") ? Array(command.dropFirst()) : command
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = directory + "/xdg"
        environment["XDG_CONFIG_HOME"] = directory + "/config"   // saved views, aliases: never the user's own
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs `infermatrix args…` with a marker in its environment (every child inherits it), waits
    /// until its standard error contains `cue`, sends `signal` and waits for the exit: the
    /// cancel tests (Ctrl-C, SIGTERM, SIGHUP) all start this way.
    ///
    /// ```swift
    /// let run = try await cli.interrupt(["test", "--all", "decoder", …], when: "[2/", with: SIGINT)
    /// #expect(run.status == 1 && CLI.processes(marked: run.marker).isEmpty)
    /// ```
    func interrupt(_ args: [String], environment extra: [String: String] = [:], when cue: String,
                   with signal: Int32) async throws -> (status: Int32, reason: Process.TerminationReason,
                                                        stdout: String, stderr: String, marker: String) {
        let marker = UUID().uuidString
        let out = directory + "/out.txt", err = directory + "/err.txt"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = args
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        environment["INFERMATRIX_TEST_MARKER"] = marker
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        let deadline = ContinuousClock.now + .seconds(120)
        while !((try? String(contentsOfFile: err, encoding: .utf8))?.contains(cue) ?? false), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason, try String(contentsOfFile: out, encoding: .utf8),
                try String(contentsOfFile: err, encoding: .utf8), marker)
    }

    /// The processes whose environment holds `marker` (what ``interrupt(_:environment:when:with:)`` set).
    static func processes(marked marker: String) throws -> [Int32] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return String(decoding: data, as: UTF8.self).contains(marker)
        }
    }

    /// A fresh CLI directory and its `params` database (``paramsDatabase()``): what most CLI tests start from.
    ///
    /// ```swift
    /// let (cli, db) = try CLI.withParamsDatabase()
    /// let result = try cli.run(["list", "--db", db, "status:failed"])
    /// ```
    static func withParamsDatabase() throws -> (CLI, String) {
        let cli = try CLI()
        return (cli, try cli.paramsDatabase())
    }

    /// A database holding only `params`, built by `db rebuild` from the seed-000 source.
    func paramsDatabase() throws -> String {
        let sources = directory + "/params-sources"
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.sources + "/parameter-matrix.md", toPath: sources + "/parameter-matrix.md")
        let path = directory + "/params.sqlite"
        let result = try run(["db", "rebuild", "--sources", sources, "-o", path])
        guard result.status == 0 else { throw CLIFailure(message: "db rebuild failed: \(result.stderr)") }
        return path
    }

    /// The vLLM failures of seed 000, read from its Markdown independently of the importer:
    /// table rows whose third cell is ❌.
    static func seedVLLMFailures() throws -> Set<String> {
        let text = try String(contentsOfFile: sources + "/parameter-matrix.md", encoding: .utf8)
        var names = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.count > 4, cells[3] == "❌" { names.insert(cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))) }
        }
        return names
    }

    func write(_ text: String, to name: String) throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func dump(_ path: String) throws -> [String] {
        try MatrixDatabase(path: path).logicalDump()
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A results file in the benchmarking tool's format: block_size=8 now passes (a fix), float16 fails (a regression).
let vllmResultsJSON = """
{"run_id": "r1", "timestamp": "2026-03-01T00:00:00", "backend": "vllm", "summary": {"total": 3},
 "results": [
  {"config_name": "baseline", "config_path": "c/base.yaml", "parameter_varied": "", "parameter_value": null,
   "status": "passed", "exit_code": 0, "elapsed_seconds": 1.0, "error_summary": null, "validation": {"validation_status": "VERIFIED"}},
  {"config_name": "vllm_block_size_8", "config_path": "c/a.yaml", "parameter_varied": "vllm.block_size", "parameter_value": 8,
   "status": "passed", "exit_code": 0, "elapsed_seconds": 1.5, "error_summary": null, "validation": {"validation_status": "VERIFIED"}},
  {"config_name": "fp_precision_float16", "config_path": "c/b.yaml", "parameter_varied": "fp_precision", "parameter_value": "float16",
   "status": "failed", "exit_code": 1, "elapsed_seconds": 2.5,
   "error_summary": "Error: float16 kernels are missing on this build, and this message is longer than eighty characters", "validation": {"validation_status": "FAILED"}}
 ], "failed_tests": [], "warnings_by_type": {}, "baseline_metrics": null}
"""

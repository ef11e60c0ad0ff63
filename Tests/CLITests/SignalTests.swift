import Foundation
import MatrixCore
import MatrixStore
import Testing

/// D6: closing the terminal (SIGHUP) during `infermatrix test` is a cancel like Ctrl-C or SIGTERM:
/// the harness's process group is stopped, the run recorded as cancelled, the exit status 1.
@Suite("signals during a live test (D6)", .serialized)
struct SignalTests {
    @Test("SIGHUP cancels the run, records it and leaves no harness behind", arguments: [SIGHUP, SIGTERM])
    func hangup(signal: Int32) async throws {
        let python = try #require(TestCommandTests.python, "prepare the harness first: scripts/setup-harness.sh")
        let cli = try CLI()
        let db = try cli.paramsDatabase()
        let marker = UUID().uuidString
        let out = cli.directory + "/out.txt", err = cli.directory + "/err.txt"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["test", "streaming=True", "--backend", "pytorch", "--device", "cpu", "--db", db, "--verbose"]
        var environment = ProcessInfo.processInfo.environment
        environment["INFERMATRIX_PYTHON"] = python
        environment["INFERMATRIX_TEST_MARKER"] = marker
        environment["INFERMATRIX_HARNESS_HOOK"] = "hang:streaming=True"
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: cli.directory)
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        try process.run()
        // The hook says so on stderr when the row starts (then the harness sleeps for ever).
        let deadline = ContinuousClock.now + .seconds(120)
        while !((try? String(contentsOfFile: err, encoding: .utf8))?.contains("hang") ?? false), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let stderr = try String(contentsOfFile: err, encoding: .utf8)
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(process.terminationStatus)\n\(stderr)")
        let runs = try MatrixDatabase(path: db).runs(matrix: "params", row: "streaming=True", column: "pytorch")
        #expect(runs.count == 1 && runs.first?.reason.hasPrefix("cancelled") == true, "\(runs.map(\.reason))")
        let survivors = (try FileManager.default.contentsOfDirectory(atPath: "/proc")).compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
            return String(decoding: data, as: UTF8.self).contains(marker)
        }
        #expect(survivors.isEmpty, "still running: \(survivors)")
    }
}

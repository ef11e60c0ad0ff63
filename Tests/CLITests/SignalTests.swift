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
        let (cli, db) = try CLI.withParamsDatabase()
        let run = try await cli.interrupt(
            ["test", "streaming=True", "--backend", "pytorch", "--device", "cpu", "--db", db, "--verbose"],
            environment: ["INFERMATRIX_PYTHON": python, "INFERMATRIX_HARNESS_HOOK": "hang:streaming=True"],
            when: "hang", with: signal)   // the hook says "hang" on stderr when the row starts, then sleeps for ever
        #expect(run.reason == .exit && run.status == 1, "\(run.status)\n\(run.stderr)")
        let runs = try MatrixDatabase(path: db).runs(matrix: "params", row: "streaming=True", column: "pytorch")
        #expect(runs.count == 1 && runs.first?.reason.hasPrefix("cancelled") == true, "\(runs.map(\.reason))")
        let survivors = try CLI.processes(marked: run.marker)
        #expect(survivors.isEmpty, "still running: \(survivors)")
    }
}

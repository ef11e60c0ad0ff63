import Foundation
import MatrixCore
import MatrixStore
import Synchronization
import Testing

/// `infermatrix test --all` end to end: the built binary runs batches on warm workers of the real
/// harness, records every run, writes the tool's results file and JUnit XML, and survives faults.
@Suite("infermatrix test --all", .serialized)
struct TestBatchCommandTests {
    static func python() throws -> String {
        try #require(TestCommandTests.python, "prepare the harness first: scripts/setup-harness.sh")
    }

    @Test("a PyTorch batch streams a line per test, records each run and writes files our importer reads back")
    func pytorchBatch() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let result = try cli.run(["test", "--all", "num_beams", "--backend", "pytorch", "--device", "cpu", "--db", db,
                                  "--results-dir", "out"], environment: ["INFERMATRIX_PYTHON": try Self.python()])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let rows = ["decoder.beam_search.num_beams=1", "decoder.beam_search.num_beams=2", "decoder.beam_search.num_beams=4"]
        for row in rows { #expect(result.stdout.contains(" \(row)  ("), "no line for \(row):\n\(result.stdout)") }
        #expect(result.stderr.contains("[3/3] done 3 · "))
        #expect(result.stderr.contains("remaining 2 · ETA "))
        #expect(result.stdout.contains("summary: 3 tested: "))
        #expect(result.stdout.contains("1 warm worker(s) started"))
        #expect(result.stderr.contains("recorded 3 runs in"))

        let store = try MatrixDatabase(path: db)
        var statuses: [String: LiveRunStatus] = [:]
        for row in rows {
            let runs = try store.runs(matrix: "params", row: row, column: "pytorch")
            #expect(runs.count == 1, "\(row)")
            statuses[row] = runs.first?.status
        }
        // num_beams=1 is greedy, generate's default: nothing to observe (docs/oracles.md)
        #expect(statuses["decoder.beam_search.num_beams=1"] == .uncertain)
        #expect(statuses["decoder.beam_search.num_beams=2"] == .passed)

        // The tool's format, imported back with our own importer: each cell takes the run's verdict.
        let results = cli.directory + "/out/test_results_pytorch.json"
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results))) as? [String: Any])
        #expect(json["backend"] as? String == "pytorch")
        #expect((json["results"] as? [[String: Any]])?.compactMap { $0["parameter_value"] as? Int }.sorted() == [1, 2, 4])
        let imported = try cli.run(["import", results, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        let grid = try store.loadGrid("params")
        let column = try #require(grid.columns.firstIndex { $0.key == "pytorch" })
        for row in rows {
            let index = try #require(grid.rowKeys.firstIndex(of: row))
            let expected = try #require(statuses[row]?.cellStatus)
            #expect(grid.status(row: index, column: column) == expected, "\(row)")
        }
        let junit = try String(contentsOfFile: cli.directory + "/out/junit_pytorch.xml", encoding: .utf8)
        #expect(junit.components(separatedBy: "<testcase ").count - 1 == 3)
        #expect(junit.contains(#"<testsuite name="pytorch" tests="3""#))
    }

    @Test("--ray may stand without its address (RAY_ADDRESS then) and belongs to a batch")
    func bareRayOption() throws {
        let cli = try CLI()
        let alone = try cli.run(["test", "decoder.preset=factual", "--backend", "pytorch", "--ray"])
        #expect(alone.status == 2 && alone.stderr.contains("--ray runs a batch: add --all"), "\(alone.stderr)")
        let before = try cli.run(["test", "decoder.preset=factual", "--ray", "--backend", "pytorch"])
        #expect(before.status == 2 && before.stderr.contains("--ray runs a batch: add --all"), "\(before.stderr)")
    }

    @Test("a worker that dies mid-batch: that test is an error with the hook's message, the batch goes on on a fresh worker")
    func workerDiesMidBatch() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let result = try cli.run(["test", "--all", "block_size", "--backend", "pytorch", "--device", "cpu", "--db", db,
                                  "--results-dir", "out"],
                                 environment: ["INFERMATRIX_PYTHON": try Self.python(),
                                               "INFERMATRIX_HARNESS_HOOK": "exit:vllm.block_size=32"])
        #expect(result.status == 1, "an errored test makes the batch exit 1\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("💥 error     vllm.block_size=32"), "\(result.stdout)")
        #expect(result.stdout.contains("harness exited with status 3 without a result"))
        #expect(result.stdout.contains("2 warm worker(s) started"))
        #expect(result.stdout.contains("verdicts: 0 passed, 0 failed, 0 uncertain, 2 skipped, 1 error"))
        let store = try MatrixDatabase(path: db)
        let died = try store.runs(matrix: "params", row: "vllm.block_size=32", column: "pytorch")
        #expect(died.count == 1 && died.first?.status == .error)
        #expect(died.first?.reason.contains("test hook INFERMATRIX_HARNESS_HOOK: exiting (status 3) during vllm.block_size=32") == true)
        #expect(try store.runs(matrix: "params", row: "vllm.block_size=8", column: "pytorch").first?.status == .skipped)
        let json = try String(contentsOfFile: cli.directory + "/out/test_results_pytorch.json", encoding: .utf8)
        #expect(json.contains(#""errors": 1"#))
    }

    /// The latest run of each cell, whatever its status (error runs left out): what a batch wrote last.
    static func latestPerCell(_ store: MatrixDatabase) throws -> [LiveRun] {
        var latest: [String: LiveRun] = [:]
        for run in try store.runs(matrix: "params", rows: nil, columns: nil) where run.status != .error {
            latest[run.request.row + "|" + run.request.columnKey] = run
        }
        return Array(latest.values)
    }

    @Test("TensorRT-LLM not installed: every cell skipped with the install hint, never passed or failed")
    func tensorrtNotInstalled() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let result = try cli.run(["test", "--all", "tensorrt.", "--backend", "tensorrt", "--db", db, "--results-dir", "out"],
                                 environment: ["INFERMATRIX_PYTHON": try Self.python()])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let runs = try Self.latestPerCell(MatrixDatabase(path: db)).filter { $0.request.backend == "tensorrt" }
        #expect(runs.count == 24)
        #expect(runs.allSatisfy { $0.status == .skipped })
        #expect(runs.allSatisfy { $0.reason.contains("TensorRT-LLM not installed") && $0.reason.contains("pip install tensorrt-llm") })
        // builder_opt_level has no counterpart: said in the reason, yet skipped, since nothing ran.
        #expect(runs.filter { $0.request.row.hasPrefix("tensorrt.builder_opt_level") }.allSatisfy { $0.reason.contains("no counterpart") })
        #expect(!result.stdout.contains("differ from the document (another environment: not a regression)"))
        // A second batch still compares with the imported matrix, not with the first batch's runs.
        let again = try cli.run(["test", "--all", "tensorrt.", "--backend", "tensorrt", "--db", db, "--results-dir", "out"],
                                environment: ["INFERMATRIX_PYTHON": try Self.python()])
        #expect(again.stdout.contains("summary: 24 tested: 0 differ"), "\(again.stdout)")
    }

    @Test("two processes testing at once against one database: every run of both is recorded")
    func twoProcessesOneDatabase() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let python = try Self.python()
        let results = Mutex<[CLI.Result?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = try? cli.run(["test", "--all", "tensorrt.", "--backend", "tensorrt", "--db", db,
                                       "--results-dir", "out\(index)"], environment: ["INFERMATRIX_PYTHON": python])
            results.withLock { $0[index] = result }
        }
        for result in results.withLock({ $0 }) {
            let result = try #require(result)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("recorded 24 runs"))
        }
        let store = try MatrixDatabase(path: db)
        let rows = try Self.latestPerCell(store).map(\.request.row)
        #expect(Set(rows).count == 24)
        var total = 0
        for row in Set(rows) { total += try store.runs(matrix: "params", row: row, column: "tensorrt").count }
        #expect(total == 48)
    }

    @Test("Ctrl-C cancels the rest of a batch: recorded runs stay, the rest is not run, no worker survives")
    func interruptCancels() async throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let run = try await cli.interrupt(
            ["test", "--all", "decoder", "--backend", "pytorch", "--device", "cpu", "--db", db, "--results-dir", "out"],
            environment: ["INFERMATRIX_PYTHON": try Self.python()], when: "[2/", with: SIGINT)
        let (stdout, stderr) = (run.stdout, run.stderr)
        #expect(run.status == 1, "\(stdout)\n\(stderr)")
        #expect(stderr.contains("cancelling the batch (recorded runs stay)"))
        #expect(stdout.contains("cancelled: "))
        let notRun = try #require(stdout.split(separator: "\n").first { $0.hasPrefix("not run (cancelled): ") })
        let store = try MatrixDatabase(path: db)
        var recorded: [LiveRun] = []
        for row in try store.loadGrid("params").rowKeys { recorded += try store.runs(matrix: "params", row: row, column: "pytorch") }
        #expect(recorded.count >= 2)
        #expect(stderr.contains("recorded \(recorded.count) runs in"))
        #expect(recorded.filter { $0.status == .error }.allSatisfy { $0.reason.hasPrefix("cancelled") })
        #expect(notRun.contains("cells") && !notRun.contains(": 0 cells"))
        // No process of ours (the marker is in every worker's environment) is left.
        let survivors = try CLI.processes(marked: run.marker)
        #expect(survivors.isEmpty, "still running: \(survivors)")
    }
}

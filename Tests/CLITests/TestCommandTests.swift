import Foundation
import LiveTest
import MatrixCore
import MatrixStore
import Testing

/// `infermatrix test` end to end: the built binary runs the real harness, streams it and records it.
@Suite("infermatrix test", .serialized)
struct TestCommandTests {
    /// The harness's Python as the program itself finds it (``HarnessEnvironment/locate``); the CLI
    /// runs with a scratch `XDG_DATA_HOME`, so it is passed explicitly.
    static var python: String? { try? HarnessEnvironment.locate(root: CLI.packageRoot)?.python }

    @Test("streams a passing run and records it in the database")
    func passingRunRecorded() throws {
        let cli = try CLI()
        let python = try #require(Self.python, "prepare the harness first: scripts/setup-harness.sh")
        let db = try cli.paramsDatabase()
        let result = try cli.run(["test", "--matrix", "params", "decoder.do_sample=True", "--backend", "pytorch",
                                  "--device", "cpu", "--db", db], environment: ["INFERMATRIX_PYTHON": python])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("telemetry: no NVIDIA GPU (CPU run)"))
        #expect(result.stdout.contains("▶ generate"))
        #expect(result.stdout.contains("✓ "))
        #expect(result.stdout.contains("✅ passed"))
        #expect(result.stderr.contains("recorded as run 1"))
        let runs = try MatrixDatabase(path: db).runs(matrix: "params", row: "decoder.do_sample=True", column: "pytorch")
        #expect(runs.count == 1)
        #expect(runs.first?.status == .passed)
        #expect(runs.first?.checks.isEmpty == false)
        #expect(runs.first?.environment.versions["torch"] != nil)
    }

    @Test("--format json prints the failed verdict; a failure is still exit status 0")
    func failingRunJSON() throws {
        let cli = try CLI()
        let python = try #require(Self.python, "prepare the harness first: scripts/setup-harness.sh")
        let result = try cli.run(["test", "fp_precision=float8", "--backend", "pytorch", "--device", "cpu",
                                  "--format", "json", "--no-record"], environment: ["INFERMATRIX_PYTHON": python])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["status"] as? String == "failed")
        #expect((object?["reason"] as? String)?.isEmpty == false)
    }

    @Test("a feature column named by its title is recorded under its key; an unknown column is a usage error")
    func featureColumnByTitle() throws {
        let cli = try CLI()
        let python = try #require(Self.python, "prepare the harness first: scripts/setup-harness.sh")
        let db = cli.directory + "/bundled.sqlite"
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/data/matrix.sqlite", toPath: db)
        let before = try MatrixDatabase(path: db).runs(matrix: "features", row: "Qwen3MoeForCausalLM", column: "kv-cache-reuse")
        let result = try cli.run(["test", "--matrix", "features", "Qwen3MoeForCausalLM", "--column", "KV Cache Reuse",
                                  "--backend", "pytorch", "--device", "cpu", "--db", db],
                                 environment: ["INFERMATRIX_PYTHON": python])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let runs = try MatrixDatabase(path: db).runs(matrix: "features", row: "Qwen3MoeForCausalLM", column: "kv-cache-reuse")
        #expect(runs.count == before.count + 1)
        #expect(runs.contains { $0.environment.device == "cpu" && $0.status == .passed })
        let unknown = try cli.run(["test", "--matrix", "features", "Qwen3MoeForCausalLM", "--column", "Teleportation",
                                   "--backend", "pytorch", "--db", db], environment: ["INFERMATRIX_PYTHON": python])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("has no column \"Teleportation\" (known: overlap-scheduler"))
    }

    @Test("a run that cannot start exits 1 with the reason")
    func cannotStart() throws {
        let cli = try CLI()
        let result = try cli.run(["test", "streaming=True", "--backend", "pytorch", "--no-record"],
                                 environment: ["INFERMATRIX_PYTHON": "/nonexistent/python"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("INFERMATRIX_PYTHON=/nonexistent/python is not an executable file"))
    }
}

import Foundation
import GRDB
import MatrixCore
import Testing
@testable import MatrixStore

/// Environments over real SQLite files: a database written by main before environments existed,
/// and the three wrong answers of issue 10, each through the store's one verdict rule.
@Suite("Environments in the database")
struct EnvironmentStoreTests {
    /// `data/matrix.sqlite` as main (633c770) wrote it, before environments: the seeds and 180 H100 runs.
    static var mainFixture: String { StoreFixtures.packageRoot + "/Tests/MatrixCoreTests/Fixtures/main-633c770.sqlite" }

    static func copyOfMain() throws -> String {
        let path = try StoreFixtures.temporaryDirectory() + "/old.sqlite"
        try FileManager.default.copyItem(atPath: mainFixture, toPath: path)
        return path
    }

    static func rawRuns(_ path: String) throws -> [[String: String]] {
        try DatabaseQueue(path: path).read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT * FROM test_run ORDER BY id").map { row in
                Dictionary(uniqueKeysWithValues: row.columnNames.map { ($0, row[$0].map { "\($0)" } ?? "NULL") })
            }
        }
    }

    /// The column names of `table`, and its rows restricted to `columns` (all when nil), each row
    /// rendered as one line of text, sorted: a multiset that a migration adding columns keeps.
    static func rawTable(_ path: String, _ table: String, columns: [String]? = nil) throws -> (columns: [String], rows: [String]) {
        try DatabaseQueue(path: path).read { db in
            let names = try columns ?? GRDB.Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]).map { $0["name"] as String }
            let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
            let rows = try GRDB.Row.fetchAll(db, sql: "SELECT \(list) FROM \(table)").map { row in
                row.databaseValues.map { "\($0)" }.joined(separator: "\u{1F}")
            }
            return (names, rows.sorted())
        }
    }

    /// The tables of a database file, but SQLite's own and the full-text index's shadow tables.
    static func tables(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }.filter { name in !["_data", "_idx", "_content", "_docsize", "_config"].contains { name.hasSuffix($0) } }
    }

    @Test("every table of main's database keeps every row and value through the migrations (issue 10)")
    func migrationKeepsEveryTable() throws {
        let path = try Self.copyOfMain()
        let tables = try Self.tables(path)
        #expect(tables.contains("cell") && tables.contains("test_run") && tables.contains("note"))
        let before = try tables.map { try Self.rawTable(path, $0) }
        #expect(before.map(\.rows.count).reduce(0, +) > 1_000)
        _ = try MatrixDatabase(path: path).environments()
        for (table, old) in zip(tables, before) {
            let new = try Self.rawTable(path, table, columns: old.columns)
            if table == "grdb_migrations" {   // the migrations run since: rows added, none lost
                #expect(Set(old.rows).isSubset(of: Set(new.rows)))
                continue
            }
            #expect(new.rows.count == old.rows.count, "\(table): \(old.rows.count) rows before, \(new.rows.count) after")
            #expect(new.rows == old.rows, "\(table) lost or changed a value")
        }
    }

    @Test("a database written by main opens in place, loses nothing, and its runs fall into one H100 environment")
    func migration() throws {
        let path = try Self.copyOfMain()
        let before = try Self.rawRuns(path)
        #expect(before.count == 180)
        let store = try MatrixDatabase(path: path)
        let environments = try store.environments()
        #expect(environments.map { $0.environment.isDocument ? ($0.environment.documentLabel ?? "") : $0.environment.name }
                == ["document, GPU, 2026-02", "TensorRT-LLM document", "h100·torch 2.11"])
        #expect(environments.last?.runs == 180)
        #expect(environments.last?.matrices.sorted() == ["features", "params"])
        // Later migrations may add columns; every value that was there is still there.
        let after = try Self.rawRuns(path)
        #expect(after.count == before.count)
        #expect(zip(before, after).allSatisfy { old, new in old.allSatisfy { new[$0.key] == $0.value } })
        #expect(try store.liveVerdicts("params")["fp_precision=bfloat16", "pytorch"]?.environmentName == "h100·torch 2.11")
    }

    /// Imports `runs` into a copy of main's database.
    static func storeWith(_ runs: [LiveRun]) throws -> MatrixDatabase {
        let path = try copyOfMain()
        let file = path + ".runs.json"
        try Data(RunsFile(runs: runs).encoded().utf8).write(to: URL(fileURLWithPath: file))
        let store = try MatrixDatabase(path: path)
        _ = try store.importFiles([file])
        return store
    }

    static func bundledRun(_ store: MatrixDatabase, row: String, column: String? = nil, matrix: String = "params") throws -> LiveRun {
        var run = try #require(try store.runs(matrix: matrix, row: row, column: column ?? "pytorch").first)
        run.id = nil
        return run
    }

    @Test("skipped after passed: every reader of the store says passed (wrong answer 3)")
    func skippedAfterPassed() throws {
        let base = try MatrixDatabase(path: try Self.copyOfMain())
        var skipped = try Self.bundledRun(base, row: "fp_precision=bfloat16")
        #expect(skipped.status == .passed)
        skipped.status = .skipped
        skipped.reason = "torch is not installed"
        skipped.checks = []
        skipped.startedAt = skipped.startedAt.addingTimeInterval(86_400)
        skipped.endedAt = skipped.startedAt.addingTimeInterval(1)
        let store = try Self.storeWith([skipped])
        #expect(try store.runs(matrix: "params", row: "fp_precision=bfloat16", column: "pytorch").first?.status == .skipped)
        #expect(try store.liveVerdicts("params")["fp_precision=bfloat16", "pytorch"]?.run.status == .passed)
        let grid = try store.loadLiveGrid("params")
        let row = try #require(grid.rowKeys.firstIndex(of: "fp_precision=bfloat16"))
        #expect(grid.status(row: row, column: 0) == .supported)
        let csv = try store.export("params", rows: ["fp_precision=bfloat16"], columns: nil, as: .csv)
        #expect(csv.components(separatedBy: "\r\n")[1].hasPrefix("fp_precision=bfloat16,Core Settings,untested,failed,passed,passed,,,"))
        let json = try JSONValue.parse(Array(try store.export("params", rows: ["fp_precision=bfloat16"], columns: nil, as: .json).utf8))
        guard case .array(let rows)? = json["rows"] else { Issue.record("rows"); return }
        #expect(rows[0]["cells"]?["pytorch"]?["live"]?["verdict"] == .string("passed"))
        #expect(rows[0]["cells"]?["pytorch"]?["live"]?["environment"] == .string("h100·torch 2.11"))
        let table = try store.verdictTable("params")
        #expect(table.verdicts(row: "fp_precision=bfloat16", column: "pytorch").first?.attempts.map(\.status) == [.skipped])
    }

    @Test("vLLM's CPU build failing block_size=16 differs from the GPU document; it is no regression (wrong answer 2)")
    func cpuBuildDiffers() throws {
        let base = try MatrixDatabase(path: try Self.copyOfMain())
        var cpu = try Self.bundledRun(base, row: "fp_precision=bfloat16")
        cpu.request = TestRunRequest(matrix: "params", row: "vllm.block_size=16", backend: "vllm", device: "cpu")
        cpu.environment = EnvironmentTestsData.cpuVllm
        cpu.status = .failed
        cpu.reason = "No common block size for 16"
        cpu.energy = nil
        let store = try Self.storeWith([cpu])
        let grid = try store.loadLiveGrid("params")
        let row = try #require(grid.rowKeys.firstIndex(of: "vllm.block_size=16"))
        let column = try #require(grid.columns.firstIndex { $0.key == "vllm" })
        #expect(grid.flags(row: row, column: column).contains([.live, .differs]))
        #expect(!grid.flags(row: row, column: column).contains(.regression))
        #expect(grid.select(try Query.parse("changed:regression")).rows.isEmpty)
        #expect(grid.select(try Query.parse("differs")).rows.contains(row))
        #expect(try store.liveVerdicts("params")["vllm.block_size=16", "vllm"]?.label == "differs (CPU build)")
        // Side by side: vLLM's document | cpu·vllm 0.32, the cell marked.
        let view = try store.view("params", environments: ["doc", "cpu-vllm-0.32"])
        #expect(view.grid.columns.map(\.key) == ["pytorch", "vllm", "vllm@cpu-vllm-0.32", "tensorrt"])
        #expect(view.grid.select(try Query.parse("differs")).rows == [row])
        #expect(throws: EnvironmentError.self) { try store.view("params", environments: ["cpu-vllm-0.99"]) }
    }

    @Test("this machine's environments: one per backend it has runs of, not only the latest run's (start view)")
    func thisMachinePerBackend() throws {
        let base = try MatrixDatabase(path: try Self.copyOfMain())
        var torch = try Self.bundledRun(base, row: "fp_precision=float16")
        torch.request = TestRunRequest(matrix: "params", row: "fp_precision=float16", backend: "pytorch", device: "cpu")
        torch.environment = LiveRunEnvironment(host: "ci-7", device: "cpu", cpuName: "AMD EPYC",
                                               versions: ["torch": "2.13.0", "transformers": "5.23.0"])
        torch.startedAt = Date(timeIntervalSince1970: 1_764_547_200)
        torch.energy = nil
        var vllm = torch
        vllm.request = TestRunRequest(matrix: "params", row: "vllm.block_size=32", backend: "vllm", device: "cpu")
        vllm.environment = EnvironmentTestsData.cpuVllm
        vllm.startedAt = Date(timeIntervalSince1970: 1_764_550_800)
        let store = try Self.storeWith([torch, vllm])
        let hasGPU = FileManager.default.fileExists(atPath: "/proc/driver/nvidia/gpus")
        let mine = try store.thisMachineEnvironments("params", host: "ci-7")
        #expect(mine.map(\.backend) == (hasGPU ? [] : ["pytorch", "vllm"]))
        #expect(try store.thisMachineEnvironments("params", host: "elsewhere").isEmpty)
    }

    @Test("the features matrix keeps TensorRT-LLM's claims beside the PyTorch runs (wrong answer 1)")
    func featureClaims() throws {
        let store = try MatrixDatabase(path: try Self.copyOfMain())
        // The bundled H100 runs pass Qwen3Next × KV Cache Reuse, which the page says fails.
        #expect(try store.liveVerdicts("features")["Qwen3NextForCausalLM", "kv-cache-reuse"]?.run.status == .passed)
        let grid = try store.loadLiveGrid("features")
        let failures = grid.select(try Query.parse("feature:\"kv cache\" status:failed")).rows.map { grid.rowKeys[$0] }
        #expect(failures == ["Qwen3NextForCausalLM", "GptOssForCausalLM"])
        // Chosen, the PyTorch environment shows its own verdicts.
        let pytorch = try store.view("features", environments: ["h100-torch-2.11"]).grid
        #expect(pytorch.select(try Query.parse("feature:\"kv cache\" status:failed")).rows.isEmpty)
    }
}

/// Fingerprints shared by the store tests (the core tests have their own).
enum EnvironmentTestsData {
    static let cpuVllm = LiveRunEnvironment(host: "ci-7", device: "cpu", cpuName: "AMD EPYC",
                                            versions: ["vllm": "0.32.0", "torch": "2.9.0+cpu", "python": "3.12.3"])
}

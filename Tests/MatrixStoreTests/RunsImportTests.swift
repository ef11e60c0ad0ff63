import Foundation
import MatrixCore
import Testing
@testable import MatrixStore

/// Runs files into a real SQLite file: one transaction, each run once, and the bundled database
/// built deterministically with the committed runs.
@Suite("Importing runs files")
struct RunsImportTests {
    static var fixture: String { StoreFixtures.packageRoot + "/Tests/MatrixCoreTests/Fixtures/sample.runs.json" }

    @Test("a runs file records its runs once; importing it again records none")
    func dedupe() throws {
        let store = try StoreFixtures.runsStore()
        let first = try store.importFiles([Self.fixture])
        #expect(first[0].runs == ImportReport.RunsResult(recorded: 5, alreadyPresent: 0))
        #expect(first[0].source.format == .liveRuns)
        let again = try store.importFiles([Self.fixture])
        #expect(again[0].runs == ImportReport.RunsResult(recorded: 0, alreadyPresent: 5))
        let runs = try store.runs(matrix: "params", row: "vllm.block_size=8", column: "vllm")
        #expect(runs.map(\.status) == [.passed, .failed])
        #expect(try store.lastImport()?.summary == "runs: 0 runs recorded, 5 already present")
        // The grid shows the newest verdict: block_size=8 passes now, float16's error run hides nothing.
        let grid = try store.loadLiveGrid("params")
        let fix = try #require(grid.rowKeys.firstIndex(of: "vllm.block_size=8"))
        let regression = try #require(grid.rowKeys.firstIndex(of: "fp_precision=float16"))
        #expect(grid.status(row: fix, column: 0) == .supported)
        #expect(grid.status(row: regression, column: 0) == .unsupported)
        #expect(grid.flags(row: regression, column: 0).contains([.live, .differs]))
    }

    @Test("a run recorded here, exported and imported back is recognised despite sub-millisecond times")
    func identityAcrossDatabases() throws {
        let store = try StoreFixtures.runsStore()
        var run = LiveRunStoreTests.run("vllm.block_size=16", status: .passed, at: 1_772_460_311.123_456_7)
        run.id = try store.recordRun(run)
        let exported = RunsFile(runs: try store.runs(matrix: "params", rows: nil, columns: nil)).encoded()
        let path = try StoreFixtures.temporaryDirectory() + "/back.runs.json"
        try Data(exported.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try store.importFiles([path])[0].runs == ImportReport.RunsResult(recorded: 0, alreadyPresent: 1))
        // Another host, same time: a different run.
        var elsewhere = run
        elsewhere.environment.host = "lab-2"
        try Data(RunsFile(runs: [elsewhere]).encoded().utf8).write(to: URL(fileURLWithPath: path))
        #expect(try store.importFiles([path])[0].runs == ImportReport.RunsResult(recorded: 1, alreadyPresent: 0))
    }

    @Test("every runs file in data/runs goes through the store and is written back byte for byte")
    func committedRunsThroughTheStore() throws {
        let directory = StoreFixtures.packageRoot + "/data/runs"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".runs.json") }.sorted()
        #expect(!files.isEmpty, "data/runs holds the committed runs files")
        for name in files {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            let file = try RunsFile.decode(Array(text.utf8), path: name)
            let store = try MatrixDatabase(path: try StoreFixtures.temporaryDirectory() + "/runs.sqlite")
            #expect(try store.importFiles([directory + "/" + name])[0].runs?.recorded == file.runs.count)
            let matrices = file.runs.map(\.request.matrix).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            var back: [LiveRun] = []
            for matrix in matrices { back += try store.runs(matrix: matrix, rows: nil, columns: nil) }
            back = back.map { var run = $0; run.id = nil; return run }
            #expect(back.count == file.runs.count)
            // Written back as read under today's rule: a pass without an effect check reads uncertain.
            #expect(RunsFile(runs: back).encoded() == RunsFile(runs: file.runs.map(RunVerdict.reread)).encoded(),
                    "\(name) through the store")
        }
    }

    @Test("no passed run from data/runs lacks an effect check once imported: the old rule's passes read uncertain")
    func committedPassesHaveEffects() throws {
        let directory = StoreFixtures.packageRoot + "/data/runs"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".runs.json") }.sorted()
        let store = try MatrixDatabase(path: try StoreFixtures.temporaryDirectory() + "/runs.sqlite")
        var written: [LiveRun] = []
        for name in files {
            written += try RunsFile.decode(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))), path: name).runs
        }
        _ = try store.importFiles(files.map { directory + "/" + $0 })
        var stored: [LiveRun] = []
        for matrix in Set(written.map(\.request.matrix)).sorted() { stored += try store.runs(matrix: matrix, rows: nil, columns: nil) }
        #expect(stored.count == written.count)
        let passes = stored.filter { $0.status == .passed }
        #expect(!passes.isEmpty, "the committed runs hold passes under today's rule")
        for run in passes {
            #expect(run.checks.contains { $0.kind == .effect && $0.passed }, "\(run.request.row) passed without an effect check")
        }
        let legacy = written.filter { $0.status == .passed && !$0.checks.contains { $0.kind == .effect } }
        let reread = stored.filter { $0.reason.hasPrefix("recorded under the old rule as passed") || $0.reason.hasPrefix("recorded as passed") }
        #expect(reread.count == legacy.count)
        #expect(reread.allSatisfy { $0.status == .uncertain })
    }

    @Test("a pass recorded without check kinds is stored uncertain, saying it was recorded under the old rule")
    func oldRulePass() throws {
        let store = try StoreFixtures.runsStore()
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8).replacingOccurrences(of: "\"kind\": \"effect\",\n", with: "")
        let path = try StoreFixtures.temporaryDirectory() + "/old.runs.json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        _ = try store.importFiles([path])
        let runs = try store.runs(matrix: "params", row: "vllm.block_size=8", column: "vllm")
        #expect(runs.map(\.status) == [.uncertain, .failed])
        #expect(runs[0].reason == "recorded under the old rule as passed (2 checks passed): "
                + RunVerdict.noEffect + " (checks without a kind count as evidence)")
    }

    @Test("check kinds are recorded and read back; a check without one stays without")
    func checkKinds() throws {
        let store = try StoreFixtures.runsStore()
        let checks = [LiveRunCheck(name: "beams", passed: true, evidence: "x", kind: .effect),
                      LiveRunCheck(name: "echo", passed: true, evidence: "y", kind: .evidence),
                      LiveRunCheck(name: "old", passed: false, evidence: "z")]
        var run = LiveRunStoreTests.run("vllm.block_size=16", status: .passed, at: 1_000, checks: checks)
        run.id = try store.recordRun(run)
        #expect(try store.runs(matrix: "params", row: "vllm.block_size=16", column: "vllm") == [run])
    }

    @Test("a broken runs file after a good one leaves the database exactly as it was")
    func transaction() throws {
        let store = try StoreFixtures.runsStore()
        let before = try store.logicalDump()
        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        let broken = try StoreFixtures.temporaryDirectory() + "/broken.runs.json"
        try Data(text.replacingOccurrences(of: "\"status\": \"error\"", with: "\"status\": 3").utf8).write(to: URL(fileURLWithPath: broken))
        #expect(throws: ImportError(file: broken, field: "runs[4].status", message: "expected a string")) {
            try store.importFiles([Self.fixture, broken])
        }
        #expect(try store.logicalDump() == before)
    }

    @Test("the bundled build imports data/runs after the sources, deterministically, and check sees a new runs file")
    func bundled() throws {
        let root = try StoreFixtures.temporaryDirectory()
        let sources = root + "/data/sources", runs = root + "/data/runs"
        for directory in [sources, runs] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(atPath: StoreFixtures.sourcesDirectory + "/parameter-matrix.md", toPath: sources + "/parameter-matrix.md")
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: runs + "/b.runs.json")
        try Data("not a runs file".utf8).write(to: URL(fileURLWithPath: runs + "/README.md"))
        #expect(MatrixDatabase.runsDirectory(besides: sources) == runs)

        let reports = try MatrixDatabase.buildBundled(sources: sources, output: root + "/one.sqlite")
        #expect(reports.map(\.source.path) == ["data/sources/parameter-matrix.md", "data/runs/b.runs.json"])
        try MatrixDatabase.buildBundled(sources: sources, output: root + "/two.sqlite")
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/one.sqlite")) == Data(contentsOf: URL(fileURLWithPath: root + "/two.sqlite")))
        // Read-only, as a shipped file must be read: a read-write open switches it to WAL, which check refuses.
        let store = try MatrixDatabase(path: root + "/one.sqlite", readOnly: true)
        #expect(try store.runs(matrix: "params", rows: nil, columns: nil).count == 5)
        #expect(try MatrixDatabase.checkBundled(shipped: root + "/one.sqlite", sources: sources).isEmpty)

        var text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        text = text.replacingOccurrences(of: "fixture-gpu-1", with: "fixture-gpu-2")
        try Data(text.utf8).write(to: URL(fileURLWithPath: runs + "/a.runs.json"))
        let differences = try MatrixDatabase.checkBundled(shipped: root + "/one.sqlite", sources: sources)
        #expect(differences.contains { $0.hasPrefix("- test_run:") && $0.contains("fixture-gpu-2") })
        #expect(differences.contains { $0.hasPrefix("- source:") && $0.contains("data/runs/a.runs.json") })
    }

    @Test("store exports carry live verdicts unless asked not to")
    func exports() throws {
        let store = try StoreFixtures.runsStore()
        _ = try store.importFiles([Self.fixture])
        let csv = try store.export("params", as: .csv)
        #expect(csv.hasPrefix("Parameter,Section,vLLM,TensorRT,vLLM live,TensorRT live,Live notes,Notes\r\n"))
        #expect(try store.export("params", as: .csv, live: false) == MatrixExporter.export(try store.loadMatrix("params"), as: .csv))
        let selected = try store.export("params", rows: ["vllm.block_size=16"], columns: nil, as: .csv)
        #expect(selected.hasPrefix("Parameter,Section,vLLM,TensorRT,Notes\r\n"), "no verdict in the selection: no live columns")
    }
}

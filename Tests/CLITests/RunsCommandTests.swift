import Foundation
import MatrixStore
import Testing

/// Runs files through the binary: import (exit codes, dedupe, atomicity), export --runs, show's
/// runs, list's live marks, exports with live verdicts, and db rebuild/check with data/runs.
@Suite("infermatrix with recorded live runs")
struct RunsCommandTests {
    static let fixture = CLI.packageRoot + "/Tests/MatrixCoreTests/Fixtures/sample.runs.json"

    /// A params database with the fixture's five runs imported.
    func database(_ cli: CLI) throws -> String {
        let db = try cli.paramsDatabase()
        let result = try cli.run(["import", "--db", db, Self.fixture])
        guard result.status == 0 else { throw CLIFailure(message: "import failed: \(result.stderr)") }
        return db
    }

    @Test("import records each run once, and a broken runs file exits 1 naming file and field, database unchanged")
    func importRuns() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let first = try cli.run(["import", "--db", db, Self.fixture])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "\(Self.fixture) (live-runs)\n  runs: 5 runs recorded, 0 already present\n")
        let again = try cli.run(["import", "--db", db, Self.fixture])
        #expect(again.stdout.contains("0 runs recorded, 5 already present"))
        #expect(try MatrixDatabase(path: db).runs(matrix: "params", rows: nil, columns: nil).count == 5)

        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8)
        // No .runs.json name: the format key alone says what it is.
        let broken = try cli.write(text.replacingOccurrences(of: "\"fixture-gpu-1\"", with: "null"), to: "lab.json")
        let results = try cli.write(vllmResultsJSON, to: "test_results_vllm.json")
        let before = try CLI.dump(db)
        let failed = try cli.run(["import", "--db", db, results, broken])
        #expect(failed.status == 1)
        #expect(failed.stderr == "infermatrix: error: \(broken): runs[0].environment.host: expected a string\n")
        #expect(try CLI.dump(db) == before)
    }

    @Test("show lists the cell's runs newest first with environment, checks and reason; --runs limits; json holds them")
    func show() throws {
        let cli = try CLI()
        let db = try database(cli)
        let text = try cli.run(["show", "--db", db, "vllm.block_size=8", "--column", "vllm"])
        #expect(text.status == 0, "\(text.stderr)")
        let out = text.stdout
        #expect(out.contains("  live: ✅ passed in h100·vllm (2026-03-02 11:00:00 UTC, NVIDIA H100 80GB HBM3), a fix, "
                             + "differs (document vs live) from the document's ❌ failed\n"), "\(out)")
        #expect(out.contains("  in h100·vllm: ✅ passed 2026-03-02T11:00:00.000Z () — 2 checks passed; before: failed\n"), "\(out)")
        #expect(out.contains("\nruns (2 of 2, newest first):\n"))
        let newer = try #require(out.range(of: "2026-03-02 11:00:00 UTC  ✅ passed  vllm  NVIDIA H100 80GB HBM3 (cuda) on fixture-gpu-1"))
        let older = try #require(out.range(of: "2026-03-02 10:00:00 UTC  ❌ failed  vllm"))
        #expect(newer.lowerBound < older.lowerBound)
        #expect(out.contains("driver 580.159.04 · CUDA 13.0 · torch 2.11.0+cu130 · transformers 5.17.0"))
        #expect(out.contains("elapsed 42.13 s · energy 2480 J") || out.contains("elapsed 42.12 s · energy 2480 J"), "\(out)")
        #expect(out.contains("✓ output_matches_default: identical 32 tokens"))
        #expect(out.contains("✗ engine_accepts_block_size: ValueError at engine start"))
        #expect(out.contains("reason: Error: No common block size for 8."))
        // History and source come before the runs.
        #expect(try #require(out.range(of: "history:")).lowerBound < newer.lowerBound)

        let one = try cli.run(["show", "--db", db, "vllm.block_size=8", "--runs", "1"])
        #expect(one.stdout.contains("runs (1 of 2, newest first; --runs N or all for more):"))
        #expect(!one.stdout.contains("10:00:00 UTC"))
        let none = try cli.run(["show", "--db", db, "streaming=True"])
        #expect(none.stdout.hasSuffix("\nruns: (no live runs recorded)\n"), "\(none.stdout)")
        #expect(try cli.run(["show", "--db", db, "vllm.block_size=8", "--runs", "some"]).status == 2)

        let json = try cli.run(["show", "--db", db, "fp_precision=float16", "--format", "json", "--runs", "all"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let runs = try #require(object["runs"] as? [[String: Any]])
        #expect(object["runCount"] as? Int == 2)
        #expect(runs.map { $0["status"] as? String } == ["error", "failed"])
        #expect(runs[1]["id"] is Int)
        #expect((runs[1]["environment"] as? [String: Any])?["gpuName"] as? String == "NVIDIA H100 80GB HBM3")
        let cells = try #require(object["cells"] as? [[String: Any]])
        let vllm = try #require(cells.first { $0["column"] as? String == "vllm" })
        #expect((vllm["live"] as? [String: Any])?["change"] as? String == "differs")
        #expect((vllm["live"] as? [String: Any])?["environment"] as? String == "h100·vllm")
        let environments = try #require(vllm["environments"] as? [[String: Any]])
        #expect(environments.map { $0["verdict"] as? String } == ["failed"])
    }

    @Test("list sees live verdicts: status:, differs and changed: follow them, the table marks them with a legend")
    func list() throws {
        let cli = try CLI()
        let db = try database(cli)
        let differs = try cli.run(["list", "--db", db, "differs"])
        #expect(differs.status == 0, "\(differs.stderr)")
        let parts = differs.stdout.components(separatedBy: "\n\nLegend:\n")
        let lines = parts[0].split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(differs.stdout)")
        #expect(lines.contains("fp_precision=float16  ➖       ❌~   ✅"))
        // The cell has a note (`*`) and is a fix (`!`): the explorer's marks (CellMarker).
        #expect(lines.contains("vllm.block_size=8     ➖       ✅*!  ➖"))
        // The legend names exactly the glyphs and marks the table shows.
        #expect(parts.count == 2 && parts[1] == """
              ✅ passed / supported
              ❌ failed / not supported
              ➖ untested
              * has a note or footnote (Enter shows it)
              ~ differs from the document or another shown environment
              ! regression or fix (same backend and device)

            """, "\(differs.stdout)")
        // A fix: the same environment failed before. Differing from the document is not a change.
        let changed = try cli.run(["list", "--db", db, "changed:any"])
        #expect(changed.stdout.split(separator: "\n").dropFirst(2).first == "vllm.block_size=8  ➖       ✅*!  ➖", "\(changed.stdout)")
        #expect(changed.stderr.contains("1 of 110 rows"))
        let failed = try cli.run(["list", "--db", db, "backend:vllm status:failed"])
        #expect(failed.stdout.contains("fp_precision=float16"))
        #expect(!failed.stdout.contains("vllm.block_size=8 "))
        #expect(failed.stderr.contains("15 of"))
        let agreeing = try cli.run(["list", "--db", db, "num_beams=4 backend:pytorch"])
        #expect(agreeing.stdout.contains("decoder.beam_search.num_beams=4  ✅L"), "\(agreeing.stdout)")
        #expect(agreeing.stdout.contains("  L live result (latest decisive run)\n"))
    }

    @Test("exports carry live verdicts; export --runs writes a runs file that reads back byte for byte")
    func exports() throws {
        let cli = try CLI()
        let db = try database(cli)
        let csvPath = cli.directory + "/live.csv"
        #expect(try cli.run(["export", "--db", db, "differs", "-o", csvPath]).status == 0)
        let csv = try String(contentsOfFile: csvPath, encoding: .utf8)
        #expect(csv.hasPrefix("Parameter,Section,PyTorch,vLLM,TensorRT,PyTorch live,vLLM live,TensorRT live,Live notes,Notes\r\n"))
        #expect(csv.contains("fp_precision=float16,Core Settings,untested,passed,passed,,failed,,\"vllm: failed in h100·vllm on NVIDIA H100 80GB HBM3"), "\(csv)")
        let mdPath = cli.directory + "/params.md"
        #expect(try cli.run(["export", "--db", db, "", "-o", mdPath]).status == 0)
        let md = try String(contentsOfFile: mdPath, encoding: .utf8)
        #expect(md.contains("| `vllm.block_size=8` | ➖ | ❌ | ➖ | vllm (live, h100·vllm): ✅ passed: 2 checks passed; vllm: Error: No common block size for 8.  |"))
        let jsonPath = cli.directory + "/live.json"
        #expect(try cli.run(["export", "--db", db, "block_size=8", "-o", jsonPath]).status == 0)
        let exportedJSON = try String(contentsOfFile: jsonPath, encoding: .utf8)
        #expect(exportedJSON.contains("\"change\": \"fix\"") && exportedJSON.contains("\"environment\": \"h100·vllm\""))

        let runsPath = cli.directory + "/all.runs.json"
        let exported = try cli.run(["export", "--db", db, "--runs", "", "-o", runsPath])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("wrote \(runsPath): 5 runs of 110 of 110 rows"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: runsPath)) == Data(contentsOf: URL(fileURLWithPath: Self.fixture)))
        let some = try cli.run(["export", "--db", db, "--runs", "backend:pytorch", "-o", "-"])
        #expect(some.stdout.hasPrefix("{\n  \"format\": \"infermatrix-runs\",\n"))
        #expect(some.stdout.components(separatedBy: "\"backend\": \"pytorch\"").count == 2)
        #expect(try cli.run(["export", "--db", db, "--runs", "", "-o", cli.directory + "/runs.csv"]).status == 2)
    }

    @Test("db rebuild imports data/runs beside data/sources; db check fails when a runs file is added")
    func rebuild() throws {
        let cli = try CLI()
        let sources = cli.directory + "/data/sources", runs = cli.directory + "/data/runs"
        for directory in [sources, runs] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(atPath: CLI.sources + "/parameter-matrix.md", toPath: sources + "/parameter-matrix.md")
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: runs + "/h100.runs.json")
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/data/runs/README.md", toPath: runs + "/README.md")
        let built = try cli.run(["db", "rebuild", "--sources", sources])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("data/runs/h100.runs.json: 5 runs recorded, 0 already present"))
        let shipped = cli.directory + "/data/matrix.sqlite"
        let before = try Data(contentsOf: URL(fileURLWithPath: shipped))
        #expect(try cli.run(["db", "rebuild", "--sources", sources]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: shipped)) == before, "the build is deterministic")
        #expect(try cli.run(["db", "check", "--sources", sources]).status == 0)
        let list = try cli.run(["list", "--db", shipped, "changed:any"])
        #expect(list.stdout.contains("vllm.block_size=8"))

        let text = try String(contentsOfFile: Self.fixture, encoding: .utf8).replacingOccurrences(of: "fixture-gpu-1", with: "fixture-gpu-2")
        try Data(text.utf8).write(to: URL(fileURLWithPath: runs + "/later.runs.json"))
        let stale = try cli.run(["db", "check", "--sources", sources])
        #expect(stale.status == 1)
        #expect(stale.stdout.contains("data/runs/later.runs.json"))
        #expect(stale.stderr.contains("out of date"))
        let elsewhere = try cli.run(["db", "check", "--sources", sources, "--runs", cli.directory + "/none"])
        #expect(elsewhere.status == 1, "without the runs the shipped file has runs a fresh build lacks")
    }
}

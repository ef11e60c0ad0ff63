import Foundation
import MatrixCore
import Testing

/// `envs`, `compare`, `--env`, `env:`/`differs` and the three wrong answers of issue 10, through the binary
/// on a database written by main before environments existed (seeds + 180 H100 PyTorch runs).
@Suite("infermatrix across environments")
struct EnvironmentCommandTests {
    /// A copy of main's `data/matrix.sqlite`, plus `runs` imported.
    func database(_ cli: CLI, runs: [LiveRun] = []) throws -> String {
        let path = cli.directory + "/main.sqlite"
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Tests/MatrixCoreTests/Fixtures/main-633c770.sqlite", toPath: path)
        if !runs.isEmpty {
            let file = try cli.write(RunsFile(runs: runs).encoded(), to: "extra.runs.json")
            let result = try cli.run(["import", "--db", path, file])
            guard result.status == 0 else { throw CLIFailure(message: "import failed: \(result.stderr)") }
        }
        return path
    }

    /// The bundled H100 run of `row` (PyTorch column), for tests to vary.
    func h100Run(_ cli: CLI, db: String, row: String) throws -> LiveRun {
        let out = try cli.run(["export", "--db", db, "--runs", "model:\(row) backend:pytorch", "-o", "-"])
        return try #require(try RunsFile.decode(Array(out.stdout.utf8), path: "-").runs.first { $0.request.row == row })
    }

    static let cpuVllm = LiveRunEnvironment(host: "ci-7", device: "cpu", cpuName: "AMD EPYC", harness: "0.1.0",
                                            versions: ["vllm": "0.32.0", "torch": "2.9.0+cpu", "python": "3.12.3"])

    @Test("skipped after passed reads passed in list, show and every export (wrong answer 3)")
    func skippedAfterPassed() throws {
        let cli = try CLI()
        let plain = try database(cli)
        var skipped = try h100Run(cli, db: plain, row: "fp_precision=bfloat16")
        skipped.status = .skipped
        skipped.reason = "torch is not installed"
        skipped.checks = []
        skipped.startedAt = skipped.startedAt.addingTimeInterval(86_400)
        skipped.endedAt = skipped.startedAt.addingTimeInterval(1)
        let cli2 = try CLI()
        let db = try database(cli2, runs: [skipped])
        let csv = try cli2.run(["list", "--db", db, "--format", "csv", "fp_precision=bfloat16"])
        #expect(csv.stdout.contains("fp_precision=bfloat16,Core Settings,untested,failed,passed,passed,,,pytorch: passed in h100·torch 2.11"),
                "\(csv.stdout)")
        let table = try cli2.run(["list", "--db", db, "fp_precision=bfloat16"])
        #expect(table.stdout.contains("fp_precision=bfloat16  ✅L"), "the document leaves PyTorch untested: \(table.stdout)")
        let show = try cli2.run(["show", "--db", db, "fp_precision=bfloat16", "--column", "pytorch"])
        #expect(show.stdout.contains("  live: ✅ passed in h100·torch 2.11"), "\(show.stdout)")
        #expect(show.stdout.contains("; 1 attempt (skipped)"))
        for format in ["json", "md", "tsv"] {
            let out = try cli2.run(["list", "--db", db, "--format", format, "fp_precision=bfloat16"])
            #expect(out.stdout.contains("h100·torch 2.11"), "\(format): \(out.stdout)")
        }
        let json = try cli2.run(["list", "--db", db, "--format", "json", "fp_precision=bfloat16"])
        #expect(json.stdout.contains("\"verdict\": \"passed\""))
    }

    @Test("vLLM's CPU build failing block_size=16 differs (CPU build) from the GPU document, never a regression (wrong answer 2)")
    func cpuBuildDiffers() throws {
        let cli = try CLI()
        let plain = try database(cli)
        var cpu = try h100Run(cli, db: plain, row: "fp_precision=bfloat16")
        cpu.request = TestRunRequest(matrix: "params", row: "vllm.block_size=16", backend: "vllm", device: "cpu")
        cpu.environment = Self.cpuVllm
        cpu.status = .failed
        cpu.reason = "No common block size for 16"
        cpu.energy = nil
        let cli2 = try CLI()
        let db = try database(cli2, runs: [cpu])
        #expect(try cli2.run(["list", "--db", db, "changed:regression"]).stderr.contains("0 of 110 rows"))
        let show = try cli2.run(["show", "--db", db, "vllm.block_size=16", "--column", "vllm"])
        #expect(show.stdout.contains("differs (CPU build) from the document's ✅ passed"), "\(show.stdout)")
        let side = try cli2.run(["list", "--db", db, "--env", "doc", "--env", "cpu-vllm-0.32", "differs"])
        #expect(side.stdout.contains("vllm.block_size=16  ➖       ✅~   ❌~"), "\(side.stdout)")
        #expect(side.stdout.hasPrefix("Parameter           PyTorch  vLLM  vLLM · cpu·vllm 0.32  TensorRT\n"), "\(side.stdout)")
        let compare = try cli2.run(["compare", "--db", db, "doc", "cpu-vllm-0.32", "--format", "csv", "--fail-on", "regression"])
        #expect(compare.status == 0, "a difference is not a regression: \(compare.stderr)")
        #expect(compare.stdout == "Row,Column,doc,cpu·vllm 0.32,Change,Reason (doc),Reason (cpu·vllm 0.32)\r\n"
                + "vllm.block_size=16,vllm,passed,failed,differs (CPU build),,No common block size for 16\r\n")
        let gate = try cli2.run(["compare", "--db", db, "doc", "cpu-vllm-0.32", "--fail-on", "differs"])
        #expect(gate.status == 3)
        #expect(gate.stdout.contains("1 cell differs"))
    }

    @Test("the README's features example lists the page's failures again (wrong answer 1)")
    func featureExample() throws {
        let cli = try CLI()
        let db = try database(cli)
        let out = try cli.run(["list", "--db", db, "--matrix", "features", "feature:\"kv cache\" status:failed"])
        #expect(out.status == 0)
        #expect(out.stdout.contains("Qwen3NextForCausalLM") && out.stdout.contains("GptOssForCausalLM"), "\(out.stdout)")
        // The PyTorch environment's own verdicts, chosen: Qwen3Next passes there.
        let pytorch = try cli.run(["list", "--db", db, "--matrix", "features", "env:h100-torch-2.11 feature:\"kv cache\""])
        let qwen = pytorch.stdout.split(separator: "\n").first { $0.hasPrefix("Qwen3NextForCausalLM ") }
        #expect(qwen?.hasSuffix(" Yes~") == true, "\(pytorch.stdout)")
    }

    @Test("envs lists documents and environments; unknown names list the known ones; aliases come from the config")
    func envs() throws {
        let cli = try CLI()
        let db = try database(cli)
        let out = try cli.run(["envs", "--db", db])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[2].hasPrefix("doc ") && lines[2].contains("document, GPU, 2026-02"))
        #expect(lines[3].contains("TensorRT-LLM document"))
        #expect(lines[4].hasPrefix("h100·torch 2.11  pytorch   torch 2.11.0, transformers 5.17.0  H100    13    180"), "\(lines[4])")
        let unknown = try cli.run(["list", "--db", db, "env:h200-vllm-0.33"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "infermatrix: error: unknown environment \"h200-vllm-0.33\" (known: doc, h100·torch 2.11)\n")
        let config = cli.directory + "/config/infermatrix"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try Data(#"{"aliases": {"lab": "h100·torch 2.11"}}"#.utf8).write(to: URL(fileURLWithPath: config + "/environments.json"))
        let aliased = try cli.run(["compare", "--db", db, "doc", "lab", "--format", "json"], environment: ["XDG_CONFIG_HOME": cli.directory + "/config"])
        #expect(aliased.status == 0, "\(aliased.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(aliased.stdout.utf8)) as? [String: Any])
        #expect((object["to"] as? [String: Any])?["name"] as? String == "h100·torch 2.11")
        #expect((object["cells"] as? [[String: Any]])?.count == 3)
        try Data(#"{"aliases": ["lab"]}"#.utf8).write(to: URL(fileURLWithPath: config + "/environments.json"))
        let broken = try cli.run(["envs", "--db", db], environment: ["XDG_CONFIG_HOME": cli.directory + "/config"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("environments.json") && broken.stderr.contains("aliases"), "\(broken.stderr)")
    }
}

/// `compare` on the bundled database against the committed runs files, computed here without the
/// store: the last passed/failed/uncertain run of each row in each file.
@Suite("infermatrix compare on the committed runs")
struct CommittedRunsCompareTests {
    static func decisive(_ files: String...) throws -> [String: String] {
        // As the store reads them (RunVerdict.reread: the old rule's passes are uncertain), the
        // files of one environment together (a later file's runs are later).
        let runs = try files.flatMap { file in
            let path = CLI.packageRoot + "/data/runs/" + file
            return try RunsFile.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path).runs.map(RunVerdict.reread)
        }
        var latest: [String: (Date, String)] = [:]
        for run in runs where ["passed", "failed", "uncertain"].contains(run.status.rawValue) {
            if let seen = latest[run.request.row], seen.0 > run.startedAt { continue }
            latest[run.request.row] = (run.startedAt, run.status.rawValue)
        }
        return latest.mapValues(\.1)
    }

    @Test("the H100 and CPU PyTorch environments: exactly the rows whose verdicts differ, each differs (CPU build)")
    func h100AgainstCPU() throws {
        let h100 = try Self.decisive("h100-2026-11-23-pytorch-params.runs.json")
        let cpu = try Self.decisive("cpu-2026-11-30-pytorch-params.runs.json", "cpu-2026-12-01-pytorch-params.runs.json")
        let expected = Set(h100.keys.filter { cpu[$0] != nil && cpu[$0] != h100[$0] })
        #expect(!expected.isEmpty)
        let cli = try CLI()
        // A copy: opening a database may migrate it, and the bundled one is tracked.
        let bundled = cli.directory + "/matrix.sqlite"
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/data/matrix.sqlite", toPath: bundled)
        let out = try cli.run(["compare", "--db", bundled, "h100-torch-2.11", "cpu-torch-2.13",
                               "--format", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(Set(cells.compactMap { $0["row"] as? String }) == expected)
        #expect(cells.allSatisfy { $0["change"] as? String == "differs" && $0["detail"] as? String == "CPU build" })
        let envs = try cli.run(["envs", "--db", bundled])
        #expect(envs.stdout.contains("h100·torch 2.11") && envs.stdout.contains("cpu·torch 2.13") && envs.stdout.contains("cpu·vllm"))
    }
}

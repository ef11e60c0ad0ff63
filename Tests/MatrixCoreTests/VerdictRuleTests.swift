import Foundation
import Testing
@testable import MatrixCore

/// The one rule for a cell's verdict in an environment, and the honest labels.
@Suite("Verdict of a cell in an environment")
struct VerdictRuleTests {
    static func run(_ row: String, _ status: LiveRunStatus, at seconds: Double, backend: String = "pytorch",
                    environment: LiveRunEnvironment = EnvironmentTests.h100, column: String? = nil, id: Int64? = nil) -> LiveRun {
        LiveRun(id: id, request: TestRunRequest(matrix: column == nil ? "params" : "features", row: row, column: column, backend: backend),
                environment: environment, startedAt: Date(timeIntervalSince1970: seconds),
                endedAt: Date(timeIntervalSince1970: seconds + 1), status: status, reason: "\(status) at \(Int(seconds))")
    }

    static func gpu(_ name: String, vllm: String) -> LiveRunEnvironment {
        LiveRunEnvironment(host: "h", device: "cuda", gpuName: name, cuda: "12.8", versions: ["vllm": vllm])
    }

    @Test("skipped after passed: the cell stays passed, the skip is an attempt (wrong answer 3)")
    func skippedAfterPassed() throws {
        let verdicts = VerdictRule.verdicts(of: [Self.run("fp_precision=bfloat16", .skipped, at: 200),
                                                 Self.run("fp_precision=bfloat16", .passed, at: 100)])
        let verdict = try #require(verdicts.first)
        #expect(verdicts.count == 1)
        #expect(verdict.run?.status == .passed)
        #expect(verdict.attempts.map(\.status) == [.skipped])
        #expect(verdict.timelineLine(name: "h100·torch 2.11").hasSuffix("; 1 attempt (skipped)"))
    }

    @Test("error runs never decide; the latest decisive run does; ties go to the later id, then the later in the input")
    func latestDecisive() {
        let runs = [Self.run("a", .failed, at: 100), Self.run("a", .uncertain, at: 200), Self.run("a", .error, at: 300)]
        #expect(VerdictRule.verdicts(of: runs).first?.run?.status == .uncertain)
        #expect(VerdictRule.verdicts(of: runs).first?.earlier.map(\.status) == [.failed])
        let tied = [Self.run("a", .passed, at: 100, id: 2), Self.run("a", .failed, at: 100, id: 1)]
        #expect(VerdictRule.verdicts(of: tied).first?.run?.status == .passed)
        let unnumbered = [Self.run("a", .failed, at: 100), Self.run("a", .passed, at: 100)]
        #expect(VerdictRule.verdicts(of: unnumbered).first?.run?.status == .passed)
        #expect(VerdictRule.verdicts(of: [Self.run("a", .skipped, at: 1)]).first?.run == nil)
    }

    @Test("each environment keeps its own verdict")
    func perEnvironment() {
        let runs = [Self.run("a", .passed, at: 100), Self.run("a", .failed, at: 200, environment: EnvironmentTests.cpuVllm)]
        let table = CellVerdicts(runs: runs)
        #expect(table.environments.count == 2)
        #expect(table.verdicts(row: "a", column: "pytorch").map { $0.run?.status } == [.passed, .failed])  // H100, then cpu
    }

    @Test("a CPU build against the GPU document differs, never a regression (wrong answer 2)")
    func cpuDiffers() throws {
        let doc = Environment.document(kind: .parameters, preamble: nil)
        let cpu = Environment(backend: "vllm", fingerprint: EnvironmentTests.cpuVllm)
        let comparison = try #require(VerdictComparison(from: (doc, .supported), to: (cpu, .unsupported), backend: "vllm"))
        #expect(comparison.change == .differs)
        #expect(comparison.label == "differs (CPU build)")
        #expect(BatchOutcome(cell: BatchCell(request: TestRunRequest(matrix: "params", row: "vllm.block_size=16", backend: "vllm"),
                                             imported: .supported),
                             run: Self.run("vllm.block_size=16", .failed, at: 1, backend: "vllm", environment: EnvironmentTests.cpuVllm))
                    .difference?.label == "differs (CPU build)")
    }

    @Test("an engine upgrade on the same device class can regress or fix; another device class only differs")
    func upgrades() throws {
        let old = Environment(backend: "vllm", fingerprint: Self.gpu("NVIDIA H200", vllm: "0.26.0"))
        let new = Environment(backend: "vllm", fingerprint: Self.gpu("NVIDIA H200", vllm: "0.33.0"))
        let other = Environment(backend: "vllm", fingerprint: Self.gpu("NVIDIA H100 80GB HBM3", vllm: "0.33.0"))
        #expect(VerdictComparison(from: (old, .supported), to: (new, .unsupported))?.change == .regression)
        #expect(VerdictComparison(from: (old, .unsupported), to: (new, .supported))?.change == .fix)
        #expect(VerdictComparison(from: (old, .supported), to: (other, .unsupported))?.label == "differs (H200 vs H100)")
        #expect(VerdictComparison(from: (old, .supported), to: (new, .uncertain))?.label == "differs (passed vs uncertain)")
        #expect(VerdictComparison(from: (old, .supported), to: (new, .untested)) == nil)
        // The table's history: the H200 0.33 failure regresses the 0.26 pass; the H100 one has nothing before it.
        let runs = [Self.run("vllm.x", .passed, at: 100, backend: "vllm", environment: Self.gpu("NVIDIA H200", vllm: "0.26.0")),
                    Self.run("vllm.x", .failed, at: 200, backend: "vllm", environment: Self.gpu("NVIDIA H200", vllm: "0.33.0")),
                    Self.run("vllm.x", .failed, at: 300, backend: "vllm", environment: Self.gpu("NVIDIA H100 80GB HBM3", vllm: "0.33.0"))]
        let table = CellVerdicts(runs: runs)
        let verdicts = table.verdicts(row: "vllm.x", column: "vllm")
        #expect(table.change(of: try #require(verdicts.first { $0.environment == new }))?.change == .regression)
        #expect(table.change(of: try #require(verdicts.first { $0.environment == other })) == nil)
        #expect(table.change(of: try #require(verdicts.first { $0.environment == old })) == nil)
    }

    @Test("a PyTorch run never changes TensorRT-LLM's claim on the features matrix (wrong answer 1)")
    func featureClaims() throws {
        var features = MatrixGrid(Matrix(name: "features", title: "F", kind: .features,
                                         columns: [Column(key: "kv-cache-reuse", title: "KV Cache Reuse")], rowHeader: "Architecture",
                                         rows: [Row(key: "Qwen3NextForCausalLM", cells: ["kv-cache-reuse": Cell(status: .unsupported, literal: "No")])]))
        let run = Self.run("Qwen3NextForCausalLM", .passed, at: 100, column: "kv-cache-reuse")
        applyLiveResults(to: &features, runs: [run])
        #expect(features.status(row: 0, column: 0) == .unsupported)
        #expect(try features.select(Query.parse("feature:\"kv cache\" status:failed")).rows == [0])
        // Chosen explicitly, the PyTorch environment's verdict shows, labelled as differing from TensorRT-LLM's claim.
        applyLiveResults(to: &features, runs: [run], environment: Environment(run: run))
        #expect(features.status(row: 0, column: 0) == .supported)
        #expect(features.flags(row: 0, column: 0).contains([.live, .differs]))
        let claim = Environment.document(kind: .features, preamble: nil)
        #expect(VerdictComparison(from: (claim, .unsupported), to: (Environment(run: run), .supported), backend: "pytorch")?.label
                == "differs (tensorrt vs pytorch)")
    }
}

import Foundation
import MatrixCore
import Testing
@testable import MatrixStore

/// Live runs in a real SQLite file: recorded, read back whole, and overlaid on the grid.
@Suite("Live runs in the database")
struct LiveRunStoreTests {
    static func run(_ row: String, column: String = "vllm", status: LiveRunStatus, at seconds: Double,
                    checks: [LiveRunCheck] = []) -> LiveRun {
        LiveRun(
            request: TestRunRequest(matrix: "params", row: row, backend: column, device: "cpu", timeout: 60),
            environment: LiveRunEnvironment(host: "lab", device: "cpu", cpuName: "EPYC", versions: ["torch": "2.13.0+cpu"]),
            startedAt: Date(timeIntervalSince1970: seconds), endedAt: Date(timeIntervalSince1970: seconds + 3),
            status: status, reason: "\(status) at \(seconds)", parameters: ["block_size": .number(8)], model: "tiny",
            checks: checks, metrics: [LiveRunMetric(name: "tokens_per_s", value: 12.5, unit: "tok/s")],
            energy: LiveRunEnergy(joules: 30, tokensPerJoule: 2), log: ["[phase] load", "line two"])
    }

    @Test("a recorded run reads back whole, checks in order")
    func roundTrip() throws {
        let store = try StoreFixtures.runsStore()
        let checks = [LiveRunCheck(name: "a", passed: true, evidence: "x"), LiveRunCheck(name: "b", passed: false, evidence: "y")]
        var run = Self.run("vllm.block_size=8", status: .failed, at: 1_000, checks: checks)
        run.id = try store.recordRun(run)
        let back = try store.runs(matrix: "params", row: "vllm.block_size=8", column: "vllm")
        #expect(back == [run])
        #expect(try store.runs(matrix: "params", row: "vllm.block_size=8", column: "tensorrt").isEmpty)
    }

    @Test("the energy above idle reads back with the run")
    func energyAboveIdle() throws {
        let store = try StoreFixtures.runsStore()
        var run = Self.run("vllm.block_size=16", status: .passed, at: 1_000)
        run.energy = LiveRunEnergy(joules: 812.5, seconds: 10, idleWatts: 72, tokens: 256)
        run.id = try store.recordRun(run)
        let back = try #require(try store.runs(matrix: "params", row: "vllm.block_size=16").first)
        #expect(back.energy == run.energy)
        #expect(back.energy?.aboveIdleJoules == 92.5)
    }

    @Test("the latest decisive verdict per cell wins; an error run hides nothing")
    func latestRuns() throws {
        let store = try StoreFixtures.runsStore()
        try store.recordRun(Self.run("vllm.block_size=8", status: .failed, at: 1_000))
        try store.recordRun(Self.run("vllm.block_size=8", status: .passed, at: 2_000))
        try store.recordRun(Self.run("vllm.block_size=8", status: .error, at: 3_000))
        try store.recordRun(Self.run("fp_precision=float16", column: "tensorrt", status: .uncertain, at: 1_500))
        let live = try store.liveVerdicts("params")
        #expect(live["vllm.block_size=8", "vllm"]?.run.reason == "passed at 2000.0")
        #expect(live["fp_precision=float16", "tensorrt"]?.run.reason == "uncertain at 1500.0")
        #expect(live.cells.values.map(\.count).reduce(0, +) == 2)
        #expect(try store.runs(matrix: "params", row: "vllm.block_size=8").map(\.status) == [.error, .passed, .failed])
    }

    @Test("the grid shows live verdicts, marked live, flagged where they differ from the document")
    func liveGrid() throws {
        let store = try StoreFixtures.runsStore()
        try store.recordRun(Self.run("vllm.block_size=8", status: .passed, at: 1_000))           // ❌ → ✅: a fix
        try store.recordRun(Self.run("fp_precision=float16", status: .passed, at: 1_000))        // ✅ → ✅: agrees
        try store.recordRun(Self.run("vllm.block_size=16", column: "tensorrt", status: .error, at: 1_000))
        let grid = try store.loadLiveGrid("params")
        let fix = try #require(grid.rowKeys.firstIndex(of: "vllm.block_size=8"))
        let same = try #require(grid.rowKeys.firstIndex(of: "fp_precision=float16"))
        let untouched = try #require(grid.rowKeys.firstIndex(of: "vllm.block_size=16"))
        #expect(grid.status(row: fix, column: 0) == .supported)
        #expect(grid.flags(row: fix, column: 0).contains([.live, .differs]))
        #expect(grid.flags(row: fix, column: 0).intersection([.regression, .fix]).isEmpty)   // a document is not a line
        #expect(grid.flags(row: fix, column: 0).contains(.note))
        #expect(grid.flags(row: same, column: 0) .contains(.live))
        #expect(!grid.flags(row: same, column: 0).contains(.differs))
        #expect(grid.status(row: untouched, column: 1) == .uncertain)
        #expect(!grid.flags(row: untouched, column: 1).contains(.live))
    }

    @Test("contradiction means works against does not work")
    func contradiction() {
        #expect(liveResult(.unsupported, contradicts: .supported))
        #expect(liveResult(.uncertain, contradicts: .unsupported))
        #expect(!liveResult(.supported, contradicts: .uncertain))
        #expect(!liveResult(.supported, contradicts: .untested))
        #expect(!liveResult(.untested, contradicts: .unsupported))
    }
}

import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// The environment picker (`E`): the document, one environment, several side by side with the
/// differing cells marked, and the detail pane's timeline per environment.
@Suite("Environments in the explorer")
struct EnvironmentViewTests {
    static let cpuVllm = LiveRunEnvironment(host: "ci-7", device: "cpu", cpuName: "AMD EPYC",
                                            versions: ["vllm": "0.32.0", "python": "3.12.3"])
    static let gpuVllm = LiveRunEnvironment(host: "h200-1", device: "cuda", gpuName: "NVIDIA H200", cuda: "12.8",
                                            versions: ["vllm": "0.26.0", "python": "3.12.3"])

    /// vLLM's CPU build fails block_size=16 (the document's GPU passed it); an H200 with vLLM 0.26 passes it.
    static func source() -> InMemoryDataSource {
        let source = InMemoryDataSource(matrices: [ExplorerFixtures.params, ExplorerFixtures.features])
        func run(_ status: LiveRunStatus, _ environment: LiveRunEnvironment, minutes: Double, reason: String) -> LiveRun {
            var run = LiveFixtures.run(status, row: "vllm.block_size=16", column: "vllm", minutes: minutes, reason: reason)
            run.environment = environment
            return run
        }
        _ = try? source.recordRun(run(.passed, gpuVllm, minutes: 0, reason: "1 checks passed"))
        _ = try? source.recordRun(run(.failed, cpuVllm, minutes: 10, reason: "No common block size for 16"))
        _ = try? source.recordRun(run(.skipped, cpuVllm, minutes: 20, reason: "vllm not importable"))
        return source
    }

    static func sideBySide(width: Int, height: Int) -> ExplorerState {
        let source = Self.source()
        var state = LiveFixtures.state(width: width, height: height, row: "vllm.block_size=16", column: "vllm", source: source)
        // default → doc → h200·vllm 0.26 → cpu·vllm 0.32 → doc | h200 | cpu side by side
        for _ in 0..<4 { LiveFixtures.perform(&state, [.cycleEnvironments], source: source) }   // one key at a time, as the app
        LiveFixtures.perform(&state, [.openQuery] + "section:vllm".map(Action.typeQuery) + [.acceptQuery], source: source)
        state.place(row: "vllm.block_size=16", column: "vllm@cpu-vllm-0.32")
        LiveFixtures.perform(&state, [.toggleDetail], source: source)
        return state
    }

    @Test("E cycles default → doc → each environment → all side by side; the view survives a reload")
    func cycle() throws {
        let source = Self.source()
        var state = LiveFixtures.state(source: source)
        #expect(EnvironmentViews.cycle(try source.environmentNames(matrix: "params"))
                == [[], ["doc"], ["h200·vllm 0.26"], ["cpu·vllm 0.32"], ["doc", "h200·vllm 0.26", "cpu·vllm 0.32"]])
        LiveFixtures.perform(&state, [.cycleEnvironments], source: source)
        #expect(state.tab.environments == ["doc"])
        let row = try #require(state.tab.grid.rowKeys.firstIndex(of: "vllm.block_size=16"))
        let vllm = try #require(state.tab.grid.columns.firstIndex { $0.key == "vllm" })
        #expect(state.tab.grid.status(row: row, column: vllm) == .supported)
        for _ in 0..<2 { LiveFixtures.perform(&state, [.cycleEnvironments], source: source) }
        #expect(state.tab.environments == ["cpu·vllm 0.32"])
        #expect(state.tab.grid.status(row: row, column: vllm) == .unsupported, "the skip after the failure is an attempt")
        #expect(state.tab.grid.flags(row: row, column: vllm).contains(.differs))
        LiveFixtures.perform(&state, [.cycleEnvironments], source: source)
        #expect(state.tab.grid.columns.map(\.key) == ["pytorch", "vllm", "vllm@h200-vllm-0.26", "vllm@cpu-vllm-0.32", "tensorrt"])
        #expect(state.statusMessage?.text == "Environments: doc | h200·vllm 0.26 | cpu·vllm 0.32")
        // A live run recorded meanwhile reloads the grid: the side-by-side view stays.
        LiveFixtures.perform(&state, [.gridReloaded(LoadedGrid(try source.grid(matrix: "params")))], source: source)
        #expect(state.tab.grid.columns.count == 5)
        LiveFixtures.perform(&state, [.cycleEnvironments], source: source)
        #expect(state.tab.environments.isEmpty && state.tab.grid.columns.count == 3)
        #expect(Keymap.standard.helpSections().first { $0.title == "Grid" }?.lines.contains { $0.keys == "E" } == true)
    }

    @Test("side by side: vLLM's document | h200·vllm 0.26 | cpu·vllm 0.32, differing cells marked, the detail's timeline",
          arguments: [(80, 24), (160, 48)])
    func snapshot(size: (Int, Int)) {
        let state = Self.sideBySide(width: size.0, height: size.1)
        let frame = render(state)
        SnapshotAssertion.assertMatches(frame, theme: .dark, named: "environments-side-by-side-dark-\(size.0)x\(size.1)")
        let text = frame.text()
        #expect(text.contains("❌~"), "\(text)")
        if size.0 >= 160 {
            #expect(text.contains("By environment:"))
            #expect(text.contains("cpu·vllm 0.32: ❌ failed"), "\(text)")
            #expect(text.contains("1 attempt (skipped)"))
        }
    }

    @Test("passes since: the oldest version from which every newer one on the device class agrees")
    func since() {
        func verdict(_ version: String, _ status: LiveRunStatus) -> CellVerdict {
            var run = LiveFixtures.run(status, row: "r", column: "vllm")
            run.environment = LiveRunEnvironment(host: "h", device: "cuda", gpuName: "NVIDIA H200", versions: ["vllm": version])
            return VerdictRule.verdicts(of: [run])[0]
        }
        let lines = CellVerdict.sinceLines([verdict("0.9.2", .failed), verdict("0.26.0", .passed), verdict("0.33.0", .passed)])
        #expect(lines == ["passes since vllm 0.26.0 on H200 (0.9.2 failed)"])
        #expect(CellVerdict.sinceLines([verdict("0.26.0", .passed)]).isEmpty)
    }
}

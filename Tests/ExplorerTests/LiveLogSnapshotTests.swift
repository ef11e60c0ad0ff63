import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// Frames of issue 12's pane tools and issue 14 D10, at 80×24 and 160×48: a log search with its
/// matches highlighted, the telemetry sparklines, a skip reason wrapped at word boundaries (and
/// cut, with `w`), a detail pane with links, and a pasted query.
@Suite("Snapshots: live pane log, sparklines, wrap, links, paste")
struct LiveLogSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    @Test("a log search: matches highlighted in place, the current one reversed, lines kept around it", arguments: sizes)
    func search(size: (Int, Int)) {
        var state = LiveFixtures.state(width: size.0, height: size.1)
        _ = state.apply(.liveTest)
        for event in LiveFixtures.events.prefix(8) { _ = state.apply(.liveEvent(event)) }
        for index in 0..<80 {
            let text = index % 9 == 4 ? "step \(index): KV cache blocks allocated (cuda graph off)" : "step \(index): forward pass"
            _ = state.apply(.liveEvent(.event(.log(stream: "backend", text: text))))
        }
        for action in [Action.searchLiveLog] + "kv cache".map(Action.typeLogSearch) + [.acceptLogSearch, .nextLogMatch(1)] {
            _ = state.apply(action)
        }
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "live-log-search-dark-\(size.0)x\(size.1)")
    }

    @Test("follow off: lines arrive, the view holds still and says how far back it is", arguments: sizes)
    func held(size: (Int, Int)) {
        var state = LiveFixtures.state(width: size.0, height: size.1)
        _ = state.apply(.liveTest)
        for index in 0..<60 { _ = state.apply(.liveEvent(.event(.log(stream: "backend", text: "step \(index): forward pass")))) }
        _ = state.apply(.toggleLogFollow)
        for index in 60..<72 { _ = state.apply(.liveEvent(.event(.log(stream: "backend", text: "step \(index): forward pass")))) }
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "live-log-held-dark-\(size.0)x\(size.1)")
    }

    @Test("GPU utilisation, memory and power sparklines in the pane header", arguments: sizes)
    func sparklines(size: (Int, Int)) {
        var state = LivePaneSnapshotTests.running(width: size.0, height: size.1, gpu: true)
        for index in 0..<40 {
            let reading = GPUReading(index: 0, name: "NVIDIA H100 80GB HBM3", memoryUsedBytes: UInt64(10 + index / 2) << 30,
                                     memoryTotalBytes: 80 << 30, utilizationPercent: UInt32(index < 8 ? index * 12 : 97 - index % 5),
                                     powerWatts: 120 + Double(index * 8), temperatureC: 61, energyMillijoules: 5_000_000 + UInt64(index) * 400_000)
            _ = state.apply(.liveEvent(.telemetry(TelemetrySample(seconds: Double(index + 2), readings: [reading]))))
        }
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "live-sparklines-dark-\(size.0)x\(size.1)")
    }

    static let skipReason = "vLLM is not importable in this interpreter; on CPU run scripts/setup-vllm-cpu.sh and use "
        + "${XDG_DATA_HOME:-~/.local/share}/infermatrix/venv-vllm/bin/python, on a GPU `pip install vllm`"

    @Test("a skipped vLLM run: the reason wrapped at word boundaries, the install command readable", arguments: sizes)
    func skipWrapped(size: (Int, Int)) {
        var state = LiveFixtures.state(width: size.0, height: size.1, column: "vllm")
        _ = state.apply(.liveTest)
        _ = state.apply(.liveFinished(LiveFixtures.run(.skipped, column: "vllm", reason: Self.skipReason)))
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "live-skip-wrapped-dark-\(size.0)x\(size.1)")
        _ = state.apply(.toggleWrap)
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "live-skip-cut-dark-\(size.0)x\(size.1)")
    }

    @Test("the detail pane: a linked note, the o hint, run lines wrapped at word boundaries", arguments: sizes)
    func detailLinks(size: (Int, Int)) {
        let source = LinkTests.source
        var run = LiveFixtures.run(.skipped, row: "LlamaForCausalLM", reason: Self.skipReason)
        run.request = TestRunRequest(matrix: "features", row: "LlamaForCausalLM", column: "kv-cache-reuse", backend: "vllm", device: "cpu")
        _ = try? source.recordRun(run)
        var state = LiveFixtures.state(width: size.0, height: size.1, source: source)
        _ = state.apply(.nextTab)
        state.place(row: "LlamaForCausalLM", column: "kv-cache-reuse")
        LiveFixtures.perform(&state, [.toggleDetail], source: source)
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "detail-links-dark-\(size.0)x\(size.1)")
        _ = state.apply(.toggleWrap)
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "detail-cut-dark-\(size.0)x\(size.1)")
    }

    @Test("S: the log saved, its absolute path in the status line", arguments: sizes)
    func saved(size: (Int, Int)) {
        var state = LiveFixtures.state(width: size.0, height: size.1)
        LiveFixtures.perform(&state, [.liveTest] + LiveFixtures.events.map(Action.liveEvent) + [.liveFinished(LiveFixtures.run(.passed))],
                             source: ExplorerFixtures.source)
        _ = state.apply(.saveLiveLog)
        _ = state.apply(.liveLogSaved(path: "/home/me/infermatrix-log-params-decoder.beam_search.num_beams=4-pytorch.log", lines: 2))
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "live-log-saved-dark-\(size.0)x\(size.1)")
    }

    @Test("a pasted query longer than the line: its end shows, and how much was dropped", arguments: sizes)
    func pastedQuery(size: (Int, Int)) {
        var state = ExplorerFixtures.state(width: size.0, height: size.1)
        _ = state.apply(.openQuery)
        _ = state.apply(.typeText(String(repeating: "zqxjv ", count: 1_666) + "zzend"))
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "query-paste-dark-\(size.0)x\(size.1)")
    }
}

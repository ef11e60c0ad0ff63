import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// `b`: the backend that `t`/`T` use on feature matrices (pytorch → vllm → tensorrt), shown in the
/// status bar of a feature tab and in the live pane's title.
@Suite("Feature backend (b)")
struct FeatureBackendTests {
    static func featuresTab(width: Int = 80, height: Int = 24) -> ExplorerState {
        var state = LiveFixtures.state(width: width, height: height)
        _ = state.apply(.nextTab)
        state.place(row: "LlamaForCausalLM", column: "chunked-prefill")
        return state
    }

    @Test("b is in the keymap (grid and live pane) and in the help overlay")
    func keymap() {
        var state = Self.featuresTab()
        #expect(state.action(for: .char("b")) == .cycleFeatureBackend)
        _ = state.apply(.liveTest)
        #expect(state.keyContext == .live && state.action(for: .char("b")) == .cycleFeatureBackend)
        let grid = Keymap.standard.helpSections().first { $0.title == KeyContext.grid.title }
        #expect(grid?.lines.contains { $0.keys == "b" && $0.help.contains("pytorch → vllm → tensorrt") } == true)
    }

    @Test("b cycles pytorch → vllm → tensorrt → pytorch and says so")
    func cycles() {
        var state = Self.featuresTab()
        #expect(state.featureBackend == "pytorch")
        var seen: [String] = []
        for _ in 0..<3 {
            _ = state.apply(.cycleFeatureBackend)
            seen.append(state.featureBackend)
        }
        #expect(seen == ["vllm", "tensorrt", "pytorch"])
        _ = state.apply(.cycleFeatureBackend)
        #expect(state.statusMessage?.text == "t/T run feature cells on vllm")
        #expect(LiveTarget.nextFeatureBackend(after: "nonsense") == "pytorch")
    }

    @Test("t on a feature cell runs on the chosen backend; the params matrix keeps its column's backend")
    func liveTest() throws {
        var state = Self.featuresTab()
        _ = state.apply(.cycleFeatureBackend)
        let effects = state.apply(.liveTest)
        guard case .startLiveTest(let target)? = effects.first else { Issue.record("no start effect: \(effects)"); return }
        #expect(target.request == TestRunRequest(matrix: "features", row: "LlamaForCausalLM", column: "chunked-prefill",
                                                 backend: "vllm"))
        var params = LiveFixtures.state()
        _ = params.apply(.cycleFeatureBackend)
        #expect(params.statusMessage?.text.contains("on feature matrices") == true)
        guard case .startLiveTest(let own)? = params.apply(.liveTest).first else { Issue.record("no start"); return }
        #expect(own.backend == "pytorch" && own.columnIsBackend)
    }

    @Test("T on a feature matrix plans every cell on the chosen backend")
    func batch() throws {
        var state = Self.featuresTab()
        _ = state.apply(.cycleFeatureBackend)
        _ = state.apply(.cycleFeatureBackend)
        _ = state.apply(.batchTest)
        guard case .confirmBatch(let plan) = state.modal else { Issue.record("no question: \(state.modal)"); return }
        #expect(plan.backends == ["tensorrt"])
        #expect(plan.question.hasSuffix("on tensorrt? y/n"))
        #expect(plan.cells.allSatisfy { $0.request.backend == "tensorrt" && $0.request.column != nil })
    }

    @Test("the status bar of a feature tab and the live pane title name the backend", arguments: [(80, 24), (160, 48)])
    func frames(size: (Int, Int)) {
        let (width, height) = size
        var state = Self.featuresTab(width: width, height: height)
        _ = state.apply(.cycleFeatureBackend)
        let grid = render(state).text()
        #expect(grid.contains("t/T on vllm"))
        _ = state.apply(.liveTest)
        for event in LiveFixtures.events.prefix(3) { _ = state.apply(.liveEvent(event)) }
        let frame = render(state)
        #expect(frame.text().contains("LlamaForCausalLM · Chunked Prefill on vllm"))
        SnapshotAssertion.assertMatches(frame, theme: .dark, named: "live-features-vllm-dark-\(width)x\(height)")
    }
}

import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// `R`: where `T` runs batches — this machine's warm workers, or a Ray cluster (docs/ray.md) —
/// a setting shown in the status bar and carried by the batch's plan to the app loop.
@Suite("Batch executor (R)")
struct RayExecutorTests {
    @Test("R is in the keymap and in the help overlay")
    func keymap() {
        let state = LiveFixtures.state()
        #expect(state.action(for: .char("R")) == .toggleRayExecutor)
        let grid = Keymap.standard.helpSections().first { $0.title == KeyContext.grid.title }
        #expect(grid?.lines.contains { $0.keys == "R" && $0.help.contains("Ray cluster") } == true)
    }

    @Test("R switches to the chosen address and back, saying so; the status bar shows it")
    func toggles() {
        var state = LiveFixtures.state(width: 120, height: 30)
        state.rayChoice = "10.0.0.5:6379"
        #expect(state.rayAddress == nil)
        #expect(!render(state).text().contains("T on Ray"))
        _ = state.apply(.toggleRayExecutor)
        #expect(state.rayAddress == "10.0.0.5:6379")
        #expect(state.statusMessage?.text.contains("Ray cluster at 10.0.0.5:6379") == true)
        #expect(render(state).text().contains("T on Ray 10.0.0.5:6379"))
        _ = state.apply(.toggleRayExecutor)
        #expect(state.rayAddress == nil)
        #expect(state.statusMessage?.text == "T runs batches on this machine's warm workers")
    }

    @Test("T's plan carries the Ray address and its question names it; the local plan carries none")
    func plan() {
        var state = LiveFixtures.state()
        _ = state.apply(.batchTest)
        guard case .confirmBatch(let local) = state.modal else { Issue.record("no question: \(state.modal)"); return }
        #expect(local.rayAddress == nil && !local.question.contains("Ray"))
        _ = state.apply(.cancel)
        _ = state.apply(.toggleRayExecutor)
        _ = state.apply(.batchTest)
        guard case .confirmBatch(let plan) = state.modal else { Issue.record("no question: \(state.modal)"); return }
        #expect(plan.rayAddress == "local")
        #expect(plan.question.hasSuffix("(Ray at local)? y/n"))
        let effects = state.apply(.confirmBatch)
        guard case .startBatch(let started)? = effects.first else { Issue.record("no start: \(effects)"); return }
        #expect(started.rayAddress == "local")
    }

    @Test("an unreachable cluster is an error in the status line, naming the address")
    func executorFailed() {
        var state = LiveFixtures.state()
        _ = state.apply(.batchExecutorFailed("cannot reach the Ray cluster at 127.0.0.1:9: Connection refused"))
        #expect(state.statusMessage?.isError == true)
        #expect(state.statusMessage?.text.contains("127.0.0.1:9") == true)
    }
}

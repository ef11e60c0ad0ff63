import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

@Suite("Batch runs (T): confirmation, progress, cancel, summary")
struct BatchReducerTests {
    @Test("T asks first, showing the count; nothing starts until y")
    func asksForConfirmation() throws {
        var state = BatchFixtures.state()
        let effects = state.apply(.batchTest)
        #expect(effects.isEmpty)
        guard case .confirmBatch(let plan) = state.modal else { Issue.record("no question: \(state.modal)"); return }
        #expect(plan.question == "Test 4 cells on pytorch? y/n")
        #expect(plan.cells.map(\.request.row) == BatchFixtures.presets)
        #expect(plan.cells.allSatisfy { $0.request.backend == "pytorch" && $0.request.column == nil })
        #expect(state.keyContext == .batchConfirm)
        #expect(render(state).text().contains("Test 4 cells on pytorch? y/n"))
        // n keeps everything as it was.
        _ = state.apply(state.action(for: .char("n"))!)
        #expect(state.modal == .none && state.batch == nil && state.livePane == nil)
        // y starts it.
        _ = state.apply(.batchTest)
        let started = state.apply(state.action(for: .char("y"))!)
        #expect(started == [.startBatch(plan)])
        #expect(state.batch?.running == true && state.batch?.progress.total == 4)
        #expect(state.livePane?.target.row == BatchFixtures.presets[0])
    }

    @Test("the CLI's selection: marked rows, marked cells (each on its own backend), features × visible columns")
    func choosesCells() throws {
        var state = BatchFixtures.state()
        _ = state.apply(.markRow)          // creative, cursor moves to deterministic
        _ = state.apply(.moveCursor(dx: 0, dy: 1))
        _ = state.apply(.markRow)          // factual
        var plan = try BatchPlan.make(for: state.tab).get()
        #expect(plan.cells.map(\.request.row) == [BatchFixtures.presets[0], BatchFixtures.presets[2]])
        #expect(plan.scope == "2 marked rows")

        state.place(row: BatchFixtures.presets[1], column: "vllm")
        _ = state.apply(.markCell)
        state.place(row: BatchFixtures.presets[3], column: "tensorrt")
        _ = state.apply(.markCell)
        plan = try BatchPlan.make(for: state.tab).get()
        #expect(plan.cells.map(\.name) == [BatchFixtures.presets[1], BatchFixtures.presets[3]])
        #expect(plan.cells.map(\.request.backend) == ["vllm", "tensorrt"])
        #expect(plan.question == "Test 2 cells on vllm, tensorrt? y/n")

        var features = LiveFixtures.state()
        _ = features.apply(.nextTab)
        _ = features.apply(.openQuery)
        for character in "column:cuda-graph column:kv-cache-reuse" { _ = features.apply(.typeQuery(character)) }
        _ = features.apply(.acceptQuery)
        let grid = features.tab.grid
        plan = try BatchPlan.make(for: features.tab).get()
        // The same cells `infermatrix test --all` picks for that selection.
        #expect(plan.cells == BatchCell.cells(grid: grid, selection: features.tab.selection, backend: "pytorch"))
        #expect(plan.cells.count == 3 * 2)
        #expect(plan.cells.first?.request.column == "cuda-graph" && plan.cells.first?.request.backend == "pytorch")
    }

    @Test("progress: each started test replaces the pane, each result reloads the grid with the live marker")
    func progressUpdates() throws {
        let source = InMemoryDataSource(matrices: [ExplorerFixtures.params, ExplorerFixtures.features])
        var (state, plan) = BatchFixtures.started(BatchFixtures.state(source: source))
        var progress = BatchProgress(total: 4)
        BatchFixtures.test(&state, plan: plan, index: 0, status: .passed, progress: &progress, source: source)
        BatchFixtures.test(&state, plan: plan, index: 1, status: .failed, progress: &progress, source: source)
        BatchFixtures.test(&state, plan: plan, index: 2, status: nil, progress: &progress, source: source)
        _ = state.apply(.batchTick(elapsed: 7.5, testElapsed: 1.5))

        let batch = try #require(state.batch)
        #expect(batch.progress.done == 2 && batch.progress.failed == 1 && batch.progress.remaining == 2)
        #expect(batch.current == 2)
        #expect(batch.progressLine == "2/4 · failed 1 · errors 0 · remaining 2 · ETA 8s · 8s")
        let pane = try #require(state.livePane)
        #expect(pane.target.row == BatchFixtures.presets[2] && pane.running && pane.elapsed == 1.5)
        #expect(pane.output[0] == "The quick\u{FFFD} brown")
        // The grid shows the first two results as live verdicts.
        state.place(row: BatchFixtures.presets[0], column: "pytorch")
        #expect(state.cursorCell?.status == .supported && state.cursorCell?.flags.contains(.live) == true)
        state.place(row: BatchFixtures.presets[1], column: "pytorch")
        #expect(state.cursorCell?.status == .unsupported && state.cursorCell?.flags.contains(.live) == true)
        // One run or batch at a time.
        #expect(state.apply(.liveTest).isEmpty)
        #expect(state.statusMessage?.text.contains("A batch is in progress (2/4)") == true)
        #expect(state.apply(.batchTest).isEmpty)
        #expect(state.modal == .none)
    }

    @Test("x cancels the rest once; the summary says cancelled and lists what did not run")
    func cancel() throws {
        let source = InMemoryDataSource(matrices: [ExplorerFixtures.params, ExplorerFixtures.features])
        var (state, plan) = BatchFixtures.started(BatchFixtures.state(source: source))
        var progress = BatchProgress(total: 4)
        BatchFixtures.test(&state, plan: plan, index: 0, status: nil, progress: &progress, source: source)
        #expect(state.apply(state.action(for: .char("x"))!) == [.cancelBatch])
        #expect(state.batch?.cancelling == true && state.livePane?.cancelling == true)
        #expect(state.apply(.cancelLiveTest).isEmpty, "a second x asks nothing more")
        let cancelled = BatchFixtures.run(.error, row: plan.cells[0].request.row, id: 1, reason: "cancelled during load")
        progress.record(.error, elapsed: 2)
        _ = state.apply(.batchTestFinished(BatchOutcome(cell: plan.cells[0], run: cancelled), progress))
        let summary = BatchSummary(outcomes: [BatchOutcome(cell: plan.cells[0], run: cancelled)], notRun: Array(plan.cells.dropFirst()))
        _ = state.apply(.batchFinished(summary, cancelled: true, elapsed: 2.4))
        #expect(state.modal == .batchSummary && state.batch?.running == false)
        let text = render(state).text()
        #expect(text.contains("Batch cancelled"))
        #expect(text.contains("Cancelled after 1 of 4 tests"))
        #expect(text.contains("not run 3 (cancelled)"))
        #expect(text.contains("errors      1"))
    }

    @Test("the summary compares with the document: the cells that differ with their row keys and why; Esc closes it")
    func summary() throws {
        var (state, plan) = BatchFixtures.started(BatchFixtures.state())
        // vLLM's document says ✅ for every preset: a CPU failure there differs (no regression); PyTorch's ➖ makes news.
        let cells = plan.cells
        var vllm = cells[1]; vllm.request.backend = "vllm"; vllm.imported = .supported
        var broken = cells[2]; broken.imported = .unsupported
        let outcomes = [BatchOutcome(cell: cells[0], run: BatchFixtures.run(.passed, row: cells[0].request.row, id: 1)),
                        BatchOutcome(cell: vllm, run: BatchFixtures.run(.failed, row: vllm.request.row, backend: "vllm", id: 2)),
                        BatchOutcome(cell: broken, run: BatchFixtures.run(.passed, row: broken.request.row, id: 3)),
                        BatchOutcome(cell: cells[3], run: BatchFixtures.run(.skipped, row: cells[3].request.row, id: 4))]
        _ = state.apply(.batchFinished(BatchSummary(outcomes: outcomes), cancelled: false, elapsed: 12))
        let lines = try #require(state.batch).summaryLines().map(\.text)
        #expect(lines.first == "4 tested on pytorch · params · 12s")
        #expect(lines.contains("differ      2") && lines.contains("news        1"))
        #expect(lines.contains("    decoder.preset=deterministic · doc passed, live failed (CPU build)"), "\(lines)")
        #expect(lines.contains("    decoder.preset=factual · doc failed, live passed (CPU build)"), "\(lines)")
        #expect(lines.contains("skipped     1") && lines.contains("agreements  0"))
        #expect(state.keyContext == .batchSummary)
        _ = state.apply(state.action(for: .escape)!)
        #expect(state.modal == .none && state.batch == nil)
    }
}

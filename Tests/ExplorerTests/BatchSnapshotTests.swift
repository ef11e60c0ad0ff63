import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// A batch's frames, compared with the committed files in `Snapshots/`: running (progress bar,
/// the current test in the live pane, earlier results in the grid) and its summary panel, at
/// 80×24 and 160×48.
@Suite("Snapshots: batch runs")
struct BatchSnapshotTests {
    /// Two of four preset rows done (a pass, a failure), the third generating.
    static func running(width: Int, height: Int) -> ExplorerState {
        let source = InMemoryDataSource(matrices: [ExplorerFixtures.params, ExplorerFixtures.features])
        var (state, plan) = BatchFixtures.started(BatchFixtures.state(width: width, height: height, source: source))
        var progress = BatchProgress(total: 4)
        BatchFixtures.test(&state, plan: plan, index: 0, status: .passed, progress: &progress, source: source)
        BatchFixtures.test(&state, plan: plan, index: 1, status: .failed, progress: &progress, source: source)
        BatchFixtures.test(&state, plan: plan, index: 2, status: nil, progress: &progress, source: source)
        _ = state.apply(.batchTick(elapsed: 7.5, testElapsed: 1.5))
        return state
    }

    /// All four done and recorded; the summary panel over the grid.
    static func summary(width: Int, height: Int) -> ExplorerState {
        let source = InMemoryDataSource(matrices: [ExplorerFixtures.params, ExplorerFixtures.features])
        var (state, plan) = BatchFixtures.started(BatchFixtures.state(width: width, height: height, source: source))
        var progress = BatchProgress(total: 4)
        let statuses: [LiveRunStatus] = [.passed, .failed, .passed, .skipped]
        var outcomes: [BatchOutcome] = []
        for (index, status) in statuses.enumerated() {
            BatchFixtures.test(&state, plan: plan, index: index, status: status, progress: &progress, source: source)
            var cell = plan.cells[index]
            if index == 1 { cell.imported = .supported }      // a cell that differs from the document
            outcomes.append(BatchOutcome(cell: cell, run: BatchFixtures.run(status, row: cell.request.row, id: Int64(index + 1))))
        }
        _ = state.apply(.batchFinished(BatchSummary(outcomes: outcomes), cancelled: false, elapsed: 12))
        return state
    }

    @Test("running: progress bar, the current cell streaming, results in the grid", arguments: [(80, 24), (160, 48)])
    func runningFrames(size: (Int, Int)) {
        let (width, height) = size
        SnapshotAssertion.assertMatches(render(Self.running(width: width, height: height)), theme: .dark,
                                        named: "batch-running-dark-\(width)x\(height)")
    }

    @Test("running with the pane hidden: the progress in the status bar")
    func hiddenPane() {
        var state = Self.running(width: 80, height: 24)
        _ = state.apply(.toggleLivePane)
        let bar = render(state).text().split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("batch 2/4 · failed 1 · errors 0 · remaining 2"), "status bar: \(bar)")
        #expect(bar.contains("generate"), "the current test's phase: \(bar)")
    }

    @Test("summary: counts per group, the row key that differs and why, verdict counts", arguments: [(80, 24), (160, 48)])
    func summaryFrames(size: (Int, Int)) {
        let (width, height) = size
        SnapshotAssertion.assertMatches(render(Self.summary(width: width, height: height)), theme: .dark,
                                        named: "batch-summary-dark-\(width)x\(height)")
    }
}

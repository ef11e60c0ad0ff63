import Foundation
import MatrixCore
import Screen
@testable import Explorer

/// A batch over the four `decoder.preset=…` rows on PyTorch, and scripted outcomes for it (fixed
/// dates and durations, so frames never depend on the clock).
enum BatchFixtures {
    static let presets = ["decoder.preset=creative", "decoder.preset=deterministic", "decoder.preset=factual",
                          "decoder.preset=standard"]

    /// The params tab filtered to `decoder.preset`, cursor on the PyTorch column.
    static func state(width: Int = 120, height: Int = 40,
                      source: InMemoryDataSource = ExplorerFixtures.source) -> ExplorerState {
        var state = LiveFixtures.state(width: width, height: height, source: source)
        _ = state.apply(.openQuery)
        for character in "decoder.preset" { _ = state.apply(.typeQuery(character)) }
        _ = state.apply(.acceptQuery)
        state.place(row: presets[0], column: "pytorch")
        return state
    }

    /// A finished run of `row` on `backend` (recorded under `id`).
    static func run(_ status: LiveRunStatus, row: String, backend: String = "pytorch", id: Int64, seconds: Double = 2.5,
                    reason: String = "1 checks passed") -> LiveRun {
        var run = LiveFixtures.run(status, row: row, column: backend, minutes: Double(id), reason: reason)
        run.request.backend = backend
        run.endedAt = run.startedAt.addingTimeInterval(seconds)
        run.id = id
        return run
    }

    /// The state after `T`, `y`: confirmed, the effect performed only in the reducer's view.
    static func started(_ state: ExplorerState) -> (ExplorerState, BatchPlan) {
        var state = state
        _ = state.apply(.batchTest)
        guard case .confirmBatch(let plan) = state.modal else { fatalError("T did not ask: \(state.modal)") }
        _ = state.apply(.confirmBatch)
        return (state, plan)
    }

    /// Feeds the batch's cell `index` as started, its events, and (when `status` is given) its
    /// recorded outcome, with the progress the engine would report.
    static func test(_ state: inout ExplorerState, plan: BatchPlan, index: Int, status: LiveRunStatus?,
                     progress: inout BatchProgress, source: InMemoryDataSource) {
        let cell = plan.cells[index]
        _ = state.apply(.batchTestStarted(index: index, cell: cell))
        for event in LiveFixtures.events.prefix(9) { _ = state.apply(.liveEvent(event)) }
        guard let status else { return }
        let run = (try? source.recordRun(Self.run(status, row: cell.request.row, id: Int64(index + 1)))) ?? Self.run(status, row: cell.request.row, id: 0)
        progress.record(status, elapsed: Double(index + 1) * 3)
        let effects = state.apply(.batchTestFinished(BatchOutcome(cell: cell, run: run), progress))
        for case .reloadGrid(let matrix) in effects {
            if let grid = try? source.grid(matrix: matrix) { _ = state.apply(.gridReloaded(LoadedGrid(grid))) }
        }
    }
}

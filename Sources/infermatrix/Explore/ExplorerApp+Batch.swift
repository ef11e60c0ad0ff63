import Explorer
import ExplorerLive
import LiveTest
import MatrixCore

/// The app loop's side of a batch (`T`): starting it on the explorer's warm workers, recording each
/// run as it finishes, and feeding its updates and clock to the reducer.
extension ExplorerApp {
    /// Starts the plan's cells, compared with the imported matrix (the tab's grid shows live
    /// verdicts, which the summary must not compare with), each run recorded like `t` records it.
    func startBatch(_ plan: BatchPlan, pool: WorkerPool) -> BatchSession {
        let imported = try? source.importedGrid(matrix: plan.matrix)
        let cells = plan.cells.map { cell in imported.map(cell.importedStatus(from:)) ?? cell }
        let source = self.source
        return BatchSession(cells: cells, pool: pool) { run in (try? source.recordRun(run)) ?? run }
    }

    /// Feeds the batch's updates (and a clock tick) to the reducer; true when there were any.
    func deliverBatchUpdates(_ state: inout ExplorerState, _ loop: Loop) -> Bool {
        guard let batch = loop.batch else { return false }
        let finished = batch.isFinished
        let actions = batch.drain()
        for action in actions { dispatch(action, &state, loop) }
        if finished && !batch.hasPending {
            loop.batch = nil
            return true
        }
        let now = ContinuousClock.now
        if now - loop.lastTick >= Self.tickInterval {
            loop.lastTick = now
            dispatch(batch.tick, &state, loop)
            return true
        }
        return !actions.isEmpty
    }
}

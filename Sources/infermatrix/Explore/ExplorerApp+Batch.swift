import Explorer
import ExplorerLive
import LiveTest
import MatrixCore

/// The app loop's side of a batch (`T`): starting it on the explorer's warm workers and recording
/// each run as it finishes (`deliverUpdates(of: \.batch, …)` feeds its updates to the reducer).
extension ExplorerApp {
    /// Starts the plan's cells (on the Ray cluster the plan names, else on `pool`), compared with the imported matrix (the tab's grid shows live
    /// verdicts, which the summary must not compare with), each run recorded like `t` records it.
    func startBatch(_ plan: BatchPlan, pool: WorkerPool) -> BatchSession {
        let imported = try? source.importedGrid(matrix: plan.matrix)
        let cells = plan.cells.map { cell in imported.map(cell.importedStatus(from:)) ?? cell }
        let source = self.source
        let executor: BatchSession.Executor = plan.rayAddress.map { .ray(address: $0) } ?? .local(pool)
        return BatchSession(cells: cells, executor: executor) { run in (try? source.recordRun(run)) ?? run }
    }
}

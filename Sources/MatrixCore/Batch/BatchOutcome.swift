/// One finished test of a batch: its cell, the recorded run and how the two compare.
///
/// ```swift
/// let outcome = BatchOutcome(cell: cell, run: verdict)
/// outcome.comparison   // .regression when the matrix said ✅ and the run failed
/// ```
public struct BatchOutcome: Sendable, Hashable {
    public var cell: BatchCell
    public var run: LiveRun

    public init(cell: BatchCell, run: LiveRun) {
        self.cell = cell
        self.run = run
    }

    public var comparison: BatchComparison { BatchComparison(imported: cell.imported, live: run.status) }
}

/// One finished test of a batch: its cell, the recorded run and how the two compare.
///
/// ```swift
/// let outcome = BatchOutcome(cell: cell, run: verdict)
/// outcome.comparison        // .differs when the matrix said ✅ and the run failed
/// outcome.difference?.label // "differs (CPU build)"
/// ```
public struct BatchOutcome: Sendable, Hashable {
    public var cell: BatchCell
    public var run: LiveRun

    public init(cell: BatchCell, run: LiveRun) {
        self.cell = cell
        self.run = run
    }

    public var comparison: BatchComparison { BatchComparison(imported: cell.imported, live: run.status) }

    /// Why the live verdict differs from the document's (`CPU build`, `pytorch vs tensorrt`), or `nil`.
    public var difference: VerdictComparison? {
        guard let status = run.status.cellStatus else { return nil }
        let address = cell.request.address
        let document = Environment.document(kind: address.columnIsBackend ? .parameters : .features, preamble: nil)
        return VerdictComparison(from: (document, cell.imported), to: (Environment(run: run), status), backend: address.backend)
    }
}

import MatrixCore

/// What a ``BatchRun`` tells its viewer: each test as it starts, its run's own updates, each test
/// as it finishes (recorded, with the batch's progress), and finally the report.
///
/// ```swift
/// for await update in batch.updates {
///     if case .testFinished(let outcome, let progress) = update { print(outcome.run.status, progress.line) }
/// }
/// ```
public enum BatchUpdate: Sendable {
    /// Test `index` of ``BatchRun/cells`` started.
    case testStarted(index: Int, cell: BatchCell)
    /// An update of test `index`'s run (events, stderr, telemetry, …), as ``LiveTestRun/updates`` gives them.
    case run(index: Int, RunUpdate)
    /// Test `index` finished and was recorded.
    case testFinished(index: Int, outcome: BatchOutcome, progress: BatchProgress)
    /// The batch is over (all done, or cancelled); always the last update.
    case finished(BatchReport)
}

/// A finished batch: its outcomes compared with the matrix, what was not run, and how long it took.
public struct BatchReport: Sendable {
    public var summary: BatchSummary
    public var cancelled: Bool
    /// Wall seconds of the whole batch.
    public var elapsed: Double
    /// Warm workers the batch's pool started (one per key, plus one after each death, cancel or timeout).
    public var workersStarted: Int

    public init(summary: BatchSummary, cancelled: Bool, elapsed: Double, workersStarted: Int) {
        self.summary = summary
        self.cancelled = cancelled
        self.elapsed = elapsed
        self.workersStarted = workersStarted
    }
}

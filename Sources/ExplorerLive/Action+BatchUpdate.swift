import Explorer
import LiveTest
import MatrixCore

/// A batch's updates as explorer actions: each test's start and its recorded outcome, the current
/// run's events for the live pane (its verdict comes with the outcome, already recorded, so the
/// run's own `.finished` is left out) and the final summary.
///
/// ```swift
/// Action(BatchUpdate.testStarted(index: 0, cell: cell))   // .batchTestStarted(index: 0, cell: cell)
/// Action(BatchUpdate.run(index: 0, .event(.phase("load"))))  // .liveEvent(.event(.phase("load")))
/// ```
extension Action {
    public init?(_ update: BatchUpdate) {
        switch update {
        case .testStarted(let index, let cell):
            self = .batchTestStarted(index: index, cell: cell)
        case .run(_, let runUpdate):
            if case .finished = runUpdate { return nil }
            guard let action = Action(runUpdate) else { return nil }
            self = action
        case .testFinished(_, let outcome, let progress):
            self = .batchTestFinished(outcome, progress)
        case .finished(let report):
            self = .batchFinished(report.summary, cancelled: report.cancelled, elapsed: report.elapsed)
        }
    }
}

import Explorer
import Foundation
import LiveTest
import MatrixCore
import Synchronization

/// A batch started from the explorer (`T`): runs the cells on the explorer's ``WorkerPool`` one at
/// a time, records each run through `record` as it finishes, and turns every update into an
/// explorer ``Action`` in an inbox that the app loop drains between keys, like ``LiveTestSession``.
///
/// ```swift
/// let session = BatchSession(cells: cells, pool: pool) { run in (try? source.recordRun(run)) ?? run }
/// for action in session.drain() { dispatch(action) }   // .batchTestStarted, .liveEvent, …, .batchFinished
/// session.cancel()                                     // stops the queue, cancels the test in flight
/// ```
public final class BatchSession: ActionSession, Sendable {
    public let batch: BatchRun
    private let inbox = ActionInbox()
    private let startedAt = ContinuousClock.now
    private let testStartedAt = Mutex(ContinuousClock.now)

    /// Starts the batch at once; the caller owns `pool` (and shuts it down).
    public init(cells: [BatchCell], pool: WorkerPool, runner: TestRunner = TestRunner(),
                record: @escaping @Sendable (LiveRun) -> LiveRun) {
        let batch = BatchRun.start(cells: cells, runner: runner, pool: pool, jobs: 1, forwardRunUpdates: true, record: record)
        self.batch = batch
        Task.detached { [self] in
            for await update in batch.updates {
                if case .testStarted = update { self.testStartedAt.withLock { $0 = .now } }
                let finishing = if case .finished = update { true } else { false }
                self.inbox.post(Action(update), finishing: finishing)
            }
        }
    }

    // MARK: - The app loop's side

    /// Actions that arrived since the last call, in order.
    public func drain() -> [Action] { inbox.drain() }

    public var hasPending: Bool { inbox.hasPending }

    /// Whether the report has arrived in the inbox (drain it to deliver it).
    public var isFinished: Bool { inbox.isFinished }

    /// Seconds since the batch started, and since its current test started (the clocks' tick).
    public var tick: Action {
        let now = ContinuousClock.now
        let testStarted = testStartedAt.withLock { $0 }
        return .batchTick(elapsed: (now - startedAt) / .seconds(1), testElapsed: (now - testStarted) / .seconds(1))
    }

    /// Stops the queue and cancels the test in flight (its worker's process group is killed); the
    /// runs recorded so far stay.
    public func cancel() { batch.cancel() }

    /// Cancels and waits (at most `limit`) for the report: used when the explorer quits, so the
    /// cancelled test is recorded and no harness outlives it.
    public func cancelAndWait(limit: Duration = .seconds(3)) {
        cancel()
        inbox.waitUntilFinished(limit: limit)
    }
}

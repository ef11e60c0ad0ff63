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
public final class BatchSession: Sendable {
    public let batch: BatchRun
    private let inbox = Mutex(Inbox())
    private let startedAt = ContinuousClock.now

    private struct Inbox {
        var actions: [Action] = []
        var finished = false
        var testStartedAt = ContinuousClock.now
    }

    /// Starts the batch at once; the caller owns `pool` (and shuts it down).
    public init(cells: [BatchCell], pool: WorkerPool, runner: TestRunner = TestRunner(),
                record: @escaping @Sendable (LiveRun) -> LiveRun) {
        let batch = BatchRun.start(cells: cells, runner: runner, pool: pool, jobs: 1, forwardRunUpdates: true, record: record)
        self.batch = batch
        Task.detached { [self] in
            for await update in batch.updates {
                let action = Action(update)
                self.inbox.withLock {
                    if case .testStarted = update { $0.testStartedAt = .now }
                    if let action { $0.actions.append(action) }
                    if case .finished = update { $0.finished = true }
                }
            }
        }
    }

    // MARK: - The app loop's side

    /// Actions that arrived since the last call, in order.
    public func drain() -> [Action] {
        inbox.withLock { inbox in
            defer { inbox.actions.removeAll(keepingCapacity: true) }
            return inbox.actions
        }
    }

    public var hasPending: Bool { inbox.withLock { !$0.actions.isEmpty } }

    /// Whether the report has arrived in the inbox (drain it to deliver it).
    public var isFinished: Bool { inbox.withLock { $0.finished } }

    /// Seconds since the batch started, and since its current test started (the clocks' tick).
    public var tick: Action {
        let now = ContinuousClock.now
        let testStarted = inbox.withLock { $0.testStartedAt }
        return .batchTick(elapsed: Self.seconds(now - startedAt), testElapsed: Self.seconds(now - testStarted))
    }

    /// Stops the queue and cancels the test in flight (its worker's process group is killed); the
    /// runs recorded so far stay.
    public func cancel() { batch.cancel() }

    /// Cancels and waits (at most `limit`) for the report: used when the explorer quits, so the
    /// cancelled test is recorded and no harness outlives it.
    public func cancelAndWait(limit: Duration = .seconds(3)) {
        cancel()
        let deadline = ContinuousClock.now + limit
        while !isFinished && ContinuousClock.now < deadline { usleep(20_000) }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

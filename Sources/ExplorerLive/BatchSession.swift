import Explorer
import Foundation
import LiveTest
import MatrixCore
import Synchronization

/// A batch started from the explorer (`T`): runs the cells on the explorer's ``WorkerPool`` one at
/// a time, or on a Ray cluster (`R`) as many at once as its actors allow, records each run through
/// `record` as it finishes, and turns every update into an explorer ``Action`` in an inbox that the
/// app loop drains between keys, like ``LiveTestSession``.
///
/// ```swift
/// let session = BatchSession(cells: cells, executor: .local(pool)) { run in (try? source.recordRun(run)) ?? run }
/// for action in session.drain() { dispatch(action) }   // .batchTestStarted, .liveEvent, …, .batchFinished
/// session.cancel()                                     // stops the queue, cancels the tests in flight
/// ```
public final class BatchSession: ActionSession, Sendable {
    /// Where the batch runs: the explorer's pool, or the Ray cluster at an address (connected when
    /// the batch starts, shut down when it ends).
    public enum Executor: Sendable {
        case local(WorkerPool)
        case ray(address: String)
    }

    private let inbox = ActionInbox()
    private let startedAt = ContinuousClock.now
    private let testStartedAt = Mutex(ContinuousClock.now)
    /// The batch once it started (at once on the pool; on Ray once the driver reached the cluster).
    private let batch = Mutex<BatchRun?>(nil)
    private let cancelled = Mutex(false)

    /// Starts the batch at once; the caller owns a local pool (and shuts it down).
    public init(cells: [BatchCell], executor: Executor, runner: TestRunner = TestRunner(),
                record: @escaping @Sendable (LiveRun) -> LiveRun) {
        switch executor {
        case .local(let pool):
            follow(BatchRun.start(cells: cells, runner: runner, executor: .pool(pool), jobs: 1,
                                  forwardRunUpdates: true, record: record), then: nil)
        case .ray(let address):
            Task.detached { [self] in
                do {
                    let driver = try await RayDriver.connect(address: address, runner: runner)
                    let device = cells.first?.request.device ?? "auto"
                    let executor = BatchExecutor.ray(driver)
                    let run = BatchRun.start(cells: cells, runner: runner, executor: executor,
                                             jobs: executor.jobs(device: device, default: 1),
                                             forwardRunUpdates: true, record: record)
                    follow(run, then: driver)
                } catch {
                    inbox.post(.batchExecutorFailed((error as? LiveTestError)?.description ?? "\(error)"))
                    inbox.post(.batchFinished(BatchSummary(outcomes: [], notRun: cells), cancelled: false, elapsed: 0),
                               finishing: true)
                }
            }
        }
    }

    /// Posts `run`'s updates as actions; a Ray driver is shut down before the summary is posted.
    private func follow(_ run: BatchRun, then driver: RayDriver?) {
        let cancelNow = cancelled.withLock { cancelled in
            batch.withLock { $0 = run }
            return cancelled
        }
        if cancelNow { run.cancel() }
        Task.detached { [self] in
            var shown: Int?         // the pane follows the test started last (on Ray, several run at once)
            for await update in run.updates {
                if case .testStarted(let index, _) = update {
                    shown = index
                    self.testStartedAt.withLock { $0 = .now }
                }
                if case .run(let index, _) = update, index != shown { continue }
                if case .finished = update { await driver?.shutdown() }
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

    /// Stops the queue and cancels the tests in flight (a local worker's process group is killed,
    /// a Ray actor is killed by its driver); the runs recorded so far stay.
    public func cancel() {
        let run = cancelled.withLock { cancelled in
            cancelled = true
            return batch.withLock { $0 }
        }
        run?.cancel()
    }

    /// Cancels and waits (at most `limit`) for the report: used when the explorer quits, so the
    /// cancelled test is recorded and no harness outlives it.
    /// (A Ray batch needs longer: its driver kills the actors and disconnects first.)
    public func cancelAndWait(limit: Duration = .seconds(20)) {
        cancel()
        inbox.waitUntilFinished(limit: limit)
    }
}

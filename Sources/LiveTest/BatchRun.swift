import Foundation
import MatrixCore
import Synchronization

/// Tests many cells on warm workers, `jobs` at a time, recording each run as it finishes.
///
/// The queue runs the cells in order; every test goes through ``TestRunner/start(_:on:)`` on the
/// given ``BatchExecutor``: the local ``WorkerPool`` (a dead, hung or cancelled worker is replaced
/// for the next test) or a Ray cluster through a ``RayDriver``. ``cancel()``
/// stops the queue and cancels the tests in flight (their runs end as `cancelled` errors and are
/// recorded like any other); cells never started are reported as not run. The caller owns the
/// pool and shuts it down.
///
/// ```swift
/// let batch = BatchRun.start(cells: cells, runner: TestRunner(), pool: pool) { run in (try? store.record(run)) ?? run }
/// for await update in batch.updates { show(update) }       // ends with .finished(report)
/// let report = await batch.result                          // or: batch.cancel()
/// ```
public final class BatchRun: Sendable {
    public let cells: [BatchCell]
    /// Every update, in order, ending with ``BatchUpdate/finished(_:)``. One consumer.
    public let updates: AsyncStream<BatchUpdate>
    private let continuation: AsyncStream<BatchUpdate>.Continuation
    private let state = Mutex(State())
    private let task = Mutex<Task<BatchReport, Never>?>(nil)

    private struct State {
        var next = 0
        var cancelled = false
        var inFlight: [Int: LiveTestRun] = [:]
        var outcomes: [Int: BatchOutcome] = [:]
        var progress: BatchProgress
        init(total: Int = 0) { progress = BatchProgress(total: total) }
    }

    private init(cells: [BatchCell]) {
        self.cells = cells
        (updates, continuation) = AsyncStream.makeStream(of: BatchUpdate.self, bufferingPolicy: .unbounded)
        state.withLock { $0 = State(total: cells.count) }
    }

    // MARK: - Starting

    /// Starts the batch at once.
    ///
    /// - Parameters:
    ///   - jobs: tests at once (each on its own worker); 1 keeps a 2-core machine usable.
    ///   - forwardRunUpdates: also pass each run's own updates (tokens, checks, …) as ``BatchUpdate/run(index:_:)``.
    ///   - record: called with each finished run before it is reported; returns it as recorded (with its id).
    public static func start(cells: [BatchCell], runner: TestRunner, pool: WorkerPool, jobs: Int = 1,
                             forwardRunUpdates: Bool = false,
                             record: @escaping @Sendable (LiveRun) -> LiveRun = { $0 }) -> BatchRun {
        start(cells: cells, runner: runner, executor: .pool(pool), jobs: jobs, forwardRunUpdates: forwardRunUpdates, record: record)
    }

    /// Starts the batch at once on `executor` (the local pool, or a Ray cluster).
    public static func start(cells: [BatchCell], runner: TestRunner, executor: BatchExecutor, jobs: Int = 1,
                             forwardRunUpdates: Bool = false,
                             record: @escaping @Sendable (LiveRun) -> LiveRun = { $0 }) -> BatchRun {
        let batch = BatchRun(cells: cells)
        batch.task.withLock {
            $0 = Task.detached {
                let clock = ContinuousClock()
                let start = clock.now
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<max(1, min(jobs, max(cells.count, 1))) {
                        group.addTask {
                            await batch.lane(runner: runner, executor: executor, forward: forwardRunUpdates,
                                             record: record, clock: clock, start: start)
                        }
                    }
                }
                let elapsed = clock.now - start
                let workersStarted = await executor.workersStarted
                let report = batch.state.withLock { state in
                    let outcomes = state.outcomes.sorted { $0.key < $1.key }.map(\.value)
                    let notRun = cells.indices.filter { state.outcomes[$0] == nil }.map { cells[$0] }
                    return BatchReport(summary: BatchSummary(outcomes: outcomes, notRun: notRun), cancelled: state.cancelled,
                                       elapsed: elapsed / .seconds(1), workersStarted: workersStarted)
                }
                batch.continuation.yield(.finished(report))
                batch.continuation.finish()
                return report
            }
        }
        return batch
    }

    /// Takes cells off the queue until it is empty or cancelled.
    private func lane(runner: TestRunner, executor: BatchExecutor, forward: Bool, record: @Sendable (LiveRun) -> LiveRun,
                      clock: ContinuousClock, start: ContinuousClock.Instant) async {
        while true {
            let index: Int? = state.withLock { state in
                guard !state.cancelled, state.next < cells.count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
            guard let index else { return }
            let cell = cells[index]
            continuation.yield(.testStarted(index: index, cell: cell))
            let run = runner.start(cell.request, on: executor)
            let cancelNow = state.withLock { state -> Bool in
                state.inFlight[index] = run
                return state.cancelled
            }
            if cancelNow { run.cancel() }
            for await update in run.updates where forward {
                continuation.yield(.run(index: index, update))
            }
            let verdict = record(await run.result)
            let outcome = BatchOutcome(cell: cell, run: verdict)
            let progress = state.withLock { state in
                state.inFlight[index] = nil
                state.outcomes[index] = outcome
                state.progress.record(verdict.status, elapsed: (clock.now - start) / .seconds(1))
                return state.progress
            }
            continuation.yield(.testFinished(index: index, outcome: outcome, progress: progress))
        }
    }

    // MARK: - Observing and stopping

    /// The report, once the batch is over.
    public var result: BatchReport {
        get async { await task.withLock { $0 }!.value }
    }

    /// Stops the queue and cancels the tests in flight (each kills its worker's process group).
    public func cancel() {
        let running = state.withLock { state -> [LiveTestRun] in
            state.cancelled = true
            return Array(state.inFlight.values)
        }
        running.forEach { $0.cancel() }
    }
}

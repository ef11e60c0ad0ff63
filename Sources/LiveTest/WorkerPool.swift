import Foundation
import MatrixCore
#if canImport(Glibc)
import Glibc
#endif

/// Warm harness workers (`python -m harness serve`), kept alive between tests per backend, model
/// and device, so a second test of the same backend starts without Python's imports and without
/// rebuilding its model (the harness caches loaded models inside the worker).
///
/// A worker serves one test at a time; with several tests at once the pool starts more workers of
/// the same key. Idle workers close after ``idleTimeout``; ``shutdown()`` kills every worker's
/// process group (call it on exit, Ctrl-C included). A worker whose test is cancelled or times out
/// is killed with it; one that dies is dropped; either way the next test gets a fresh worker.
///
/// ```swift
/// let pool = WorkerPool(idleTimeout: .seconds(300))
/// let verdict = await TestRunner().start(request, on: pool).result
/// await pool.shutdown()
/// ```
public actor WorkerPool {
    /// The default idle time before a worker closes: five minutes.
    public static let defaultIdleTimeout: Duration = .seconds(300)
    /// `INFERMATRIX_WORKER_IDLE` (seconds) overrides the default idle time.
    public static let idleVariable = "INFERMATRIX_WORKER_IDLE"

    public let idleTimeout: Duration
    private let variables: [String: String]
    private var idle: [WorkerKey: [HarnessWorker]] = [:]
    private var workers: [Int: HarnessWorker] = [:]
    private var idleSince: [Int: ContinuousClock.Instant] = [:]
    /// Workers told to stop (idle) that may not be gone yet.
    private var stopping: [HarnessWorker] = []
    private var nextSerial = 1
    private var closed = false
    /// Workers started so far (a fresh one after each death, cancel or timeout).
    public private(set) var started = 0

    /// - Parameters:
    ///   - variables: the process environment the workers run with (as ``TestRunner/variables``).
    ///   - idleTimeout: how long an idle worker stays alive; `nil` reads `INFERMATRIX_WORKER_IDLE`,
    ///     else ``defaultIdleTimeout``.
    public init(variables: [String: String] = ProcessInfo.processInfo.environment, idleTimeout: Duration? = nil) {
        self.variables = variables
        self.idleTimeout = idleTimeout ?? Self.idleTimeout(from: variables) ?? Self.defaultIdleTimeout
    }

    /// A pool whose workers run with `runner`'s environment.
    public init(runner: TestRunner, idleTimeout: Duration? = nil) {
        self.init(variables: runner.variables, idleTimeout: idleTimeout)
    }

    static func idleTimeout(from variables: [String: String]) -> Duration? {
        guard let text = variables[idleVariable], let seconds = Double(text),
              TestRunRequest.problem(withSeconds: seconds) == nil else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }

    // MARK: - Observing

    /// The pids of the living workers (each leads its own process group).
    public var processIDs: [Int32] { workers.values.compactMap(\.processID).sorted() }

    // MARK: - Running a test

    /// Runs `run` on an idle worker of its key, or on a new one; a worker found dead before the
    /// request went out is replaced once. Used by ``TestRunner/start(_:on:)``.
    func perform(_ run: LiveTestRun, environment: HarnessEnvironment) async -> RunTermination {
        let key = WorkerKey(run.request)
        for _ in 0..<2 {
            guard let worker = checkout(key, environment: environment) else {
                return .failedToStart("the worker pool was shut down")
            }
            let termination = await worker.perform(run)
            checkin(worker)
            if let termination { return termination }
        }
        return .failedToStart("no warm worker could be started for \(key)")
    }

    private func checkout(_ key: WorkerKey, environment: HarnessEnvironment) -> HarnessWorker? {
        guard !closed else { return nil }
        while let worker = idle[key]?.popLast() {
            idleSince[worker.serial] = nil
            if worker.isAlive { return worker }
        }
        let serial = nextSerial
        nextSerial += 1
        started += 1
        let worker = HarnessWorker.launch(key: key, serial: serial, environment: environment, variables: variables) { gone in
            Task { await self.remove(gone) }
        }
        workers[serial] = worker
        return worker
    }

    private func checkin(_ worker: HarnessWorker) {
        guard worker.isAlive, workers[worker.serial] != nil else { return }
        if closed { stop(worker); return }
        idle[worker.key, default: []].append(worker)
        let since = ContinuousClock.now
        idleSince[worker.serial] = since
        let limit = idleTimeout
        Task {
            try? await Task.sleep(for: limit)
            self.closeIfIdle(worker, since: since)
        }
    }

    private func closeIfIdle(_ worker: HarnessWorker, since: ContinuousClock.Instant) {
        guard idleSince[worker.serial] == since else { return }      // used again since then
        idle[worker.key]?.removeAll { $0 === worker }
        idleSince[worker.serial] = nil
        stop(worker)
    }

    private func remove(_ worker: HarnessWorker) {
        workers[worker.serial] = nil
        stopping.removeAll { $0 === worker }
        idleSince[worker.serial] = nil
        idle[worker.key]?.removeAll { $0 === worker }
    }

    /// Closes stdin (a clean exit) and kills the group half a second later in any case.
    private func stop(_ worker: HarnessWorker) {
        workers[worker.serial] = nil
        stopping.append(worker)
        worker.close()
        if let pid = worker.processID {
            Task.detached {
                try? await Task.sleep(for: .milliseconds(500))
                ProcessGroup(id: pid).send(SIGKILL)
            }
        }
    }

    // MARK: - Shutting down

    /// Kills every worker's process group (SIGTERM, then SIGKILL after `grace`) and refuses new
    /// tests. Returns once the groups are gone or the grace ran out.
    public func shutdown(grace: Duration = .milliseconds(500)) async {
        closed = true
        let all = Array(workers.values) + stopping
        let groups = all.compactMap(\.processID).map(ProcessGroup.init(id:))
        for worker in all { worker.close() }
        workers.removeAll()
        idle.removeAll()
        idleSince.removeAll()
        for group in groups { group.send(SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while groups.contains(where: { !$0.members().isEmpty }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        for group in groups { group.send(SIGKILL) }
        for worker in all { await worker.waitUntilGone() }      // reaped: their CPU time is counted
        stopping.removeAll()
    }
}

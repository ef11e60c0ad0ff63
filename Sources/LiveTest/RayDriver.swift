import Foundation
import MatrixCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A batch's executor on a Ray cluster: one `python -m harness ray-driver` process that runs each
/// test on a Ray actor holding a warm worker of its key, many at once, and streams every test's
/// events back tagged with its request's `id` (docs/PROTOCOL.md, "The Ray driver"; docs/ray.md).
///
/// The events are the harness's own, so each test is folded into its ``LiveTestRun`` exactly as a
/// local warm worker's are; the `hello` of each test names the node (and GPU) it ran on. Cancelling
/// or timing out a test asks the driver to cancel it (the driver kills its actor, then answers
/// with the test's `result`); ``shutdown()`` closes the driver's stdin: it kills every actor,
/// disconnects (stopping a `local` cluster) and exits.
///
/// ```swift
/// let driver = try await RayDriver.connect(address: "10.0.0.5:6379", runner: runner)   // throws before any test
/// let verdict = await runner.start(request, on: driver).result
/// await driver.shutdown()
/// ```
public final class RayDriver: Sendable {
    /// The address as given: `HOST:PORT`, `ray://HOST:PORT`, `local` or `auto` (`RAY_ADDRESS`).
    public let address: String
    private let requests: AsyncStream<String>.Continuation
    private let lines: AsyncStream<String>
    private let state = Mutex(State())
    private let lifetime = Mutex<Task<Void, Never>?>(nil)

    /// What the driver found on connecting: the cluster's address, its nodes, how many actors fit.
    public struct Cluster: Sendable, Hashable {
        public var address: String
        public var nodes: Int
        public var cpuSlots: Int
        public var gpuSlots: Int

        /// Tests at once for a batch on `device`: the actors that fit.
        public func slots(device: String) -> Int {
            device == "cuda" || (device == "auto" && gpuSlots > 0) ? gpuSlots : cpuSlots
        }
    }

    private struct State {
        var pid: Int32?
        var cluster = Cluster(address: "", nodes: 0, cpuSlots: 0, gpuSlots: 0)
        var serial = 0
        var tests: [String: Pending] = [:]
        var exited: RunTermination?
        var connecting: CheckedContinuation<Result<Cluster, LiveTestError>, Never>?
        var error: String?
        var stderr = LineTail(capacity: LiveRunRecorder.stderrTailLines)
        var actorsSeen: Set<String> = []
    }

    private struct Pending {
        var run: LiveTestRun
        var waiter: CheckedContinuation<RunTermination, Never>
    }

    private init(address: String) {
        self.address = address
        (lines, requests) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
    }

    /// The cluster as the driver reported it when it connected.
    public var cluster: Cluster { state.withLock { $0.cluster } }

    // MARK: - Connecting

    /// Prepares the harness's Python (`progress`: the set-up's lines), starts the driver and waits
    /// until it reached the cluster. Throws ``LiveTestError/rayUnavailable(_:)`` naming the address
    /// when it cannot (or when ray is not installed), before any test starts.
    public static func connect(address: String, runner: TestRunner,
                               progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> RayDriver {
        let environment = try await HarnessEnvironment.prepare(variables: runner.variables, backend: "pytorch", progress: progress)
        let driver = RayDriver(address: address)
        let outcome = await withCheckedContinuation { (connecting: CheckedContinuation<Result<Cluster, LiveTestError>, Never>) in
            driver.state.withLock { $0.connecting = connecting }
            driver.lifetime.withLock { lifetime in
                lifetime = Task.detached {
                    let termination = await LineProcess.run(
                        arguments: ["-u", "-m", "harness", "ray-driver", "--address", address],
                        environment: environment, variables: runner.variables, requests: driver.lines,
                        started: { pid in driver.state.withLock { $0.pid = pid } },
                        stdout: { driver.received($0) }, stderr: { driver.receivedStderr($0) })
                    driver.exited(termination)
                }
            }
        }
        switch outcome {
        case .failure(let error):
            await driver.shutdown()
            throw error
        case .success:
            return driver
        }
    }

    /// Before `ready`: `ready` resolves the connection, an `error` event says why it failed.
    private func connecting(_ object: [String: Any]) {
        let event = object["event"] as? String
        if event == "error" {
            state.withLock { $0.error = object["message"] as? String }
            return
        }
        guard event == "ready" else { return }
        let cluster = Cluster(address: object["address"] as? String ?? "?", nodes: object["nodes"] as? Int ?? 0,
                              cpuSlots: object["cpu_slots"] as? Int ?? 0, gpuSlots: object["gpu_slots"] as? Int ?? 0)
        let waiter = state.withLock { state in
            state.cluster = cluster
            defer { state.connecting = nil }
            return state.connecting
        }
        waiter?.resume(returning: .success(cluster))
    }

    // MARK: - Running a test

    /// Sends `run`'s request and waits for its `result` (`.exited(0)`), for the reason the engine
    /// stopped it (cancel, timeout: the driver still answers, and that answer is not recorded), or
    /// for the driver's death. Used by ``TestRunner/start(_:on:)``.
    func perform(_ run: LiveTestRun, environment: HarnessEnvironment) async -> RunTermination {
        await withCheckedContinuation { (waiter: CheckedContinuation<RunTermination, Never>) in
            let id = state.withLock { state -> String? in
                if state.exited != nil { return nil }
                state.serial += 1
                let id = "r\(state.serial)"
                state.tests[id] = Pending(run: run, waiter: waiter)
                return id
            }
            guard let id else {
                waiter.resume(returning: .failedToStart("the Ray driver for \(address) has ended"))
                return
            }
            requests.yield(HarnessWorker.requestLine(id: id, request: run.request, withKey: true))
            run.startedRemotely { [self] in self.requests.yield(#"{"cancel": "\#(id)"}"# + "\n") }
        }
    }

    /// Actors that answered a test so far (the batch report's "workers started").
    public var actorsSeen: Int { state.withLock { $0.actorsSeen.count } }

    private func received(_ line: String) {
        guard let object = Self.object(line) else { return }
        guard let id = object["id"] as? String else {
            connecting(object)
            if let message = object["message"] as? String { state.withLock { $0.stderr.append("ray-driver: \(message)") } }
            return
        }
        let event = HarnessEvent(line: line)
        var finished: Pending?
        let pending = state.withLock { state -> Pending? in
            if let actor = object["actor"] as? String { state.actorsSeen.insert(actor) }
            if case .result = event { finished = state.tests.removeValue(forKey: id); return finished }
            return state.tests[id]
        }
        guard let pending else { return }
        let run = pending.run
        if let killedBy = run.control.withLock({ $0.killedBy }) {   // the driver's answer to our cancel
            if let finished { finished.waiter.resume(returning: killedBy) }
            return
        }
        run.recorder.withLock { $0.record(event) }
        run.continuation.yield(.event(event))
        finished?.waiter.resume(returning: .exited(0))
    }

    private func receivedStderr(_ line: String) {
        state.withLock { $0.stderr.append(line) }
    }

    /// The driver is gone: every test still waiting ends with how it ended and its last stderr lines.
    private func exited(_ termination: RunTermination) {
        requests.finish()
        let (tests, tail, connecting, error) = state.withLock { state in
            state.exited = termination
            defer { state.tests.removeAll(); state.connecting = nil }
            return (Array(state.tests.values), state.stderr.lines, state.connecting, state.error)
        }
        if let connecting {     // it never reached the cluster: its `error` says why, else its stderr
            let why = error ?? "the Ray driver for \(address) ended before it reached the cluster (\(termination))"
                + (tail.isEmpty ? "" : ":\n" + tail.suffix(10).joined(separator: "\n"))
            connecting.resume(returning: .failure(.rayUnavailable(why)))
        }
        for pending in tests {
            pending.run.recorder.withLock { recorder in
                tail.suffix(20).forEach { recorder.recordStderr($0) }
                recorder.record(.log(stream: "engine", text: "the Ray driver for \(address) ended: \(termination)"))
            }
            pending.waiter.resume(returning: pending.run.control.withLock { $0.killedBy } ?? termination)
        }
    }

    // MARK: - Shutting down

    /// Closes the driver's stdin (it kills its actors, disconnects and exits) and waits for it,
    /// killing its process group after `grace`.
    public func shutdown(grace: Duration = .seconds(20)) async {
        requests.finish()
        let task = lifetime.withLock { $0 }
        let done = Task { await task?.value }
        let pid = state.withLock { $0.pid }
        let killer = Task.detached {
            try? await Task.sleep(for: grace)
            if let pid { ProcessGroup(id: pid).send(SIGKILL) }
        }
        await done.value
        killer.cancel()
    }

    private static func object(_ line: String) -> [String: Any]? {
        guard line.hasPrefix("{"), let data = line.data(using: .utf8) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }
}

import Foundation
import MatrixCore
import Synchronization

/// One warm `python -m harness serve` process in a process group of its own, serving one test
/// at a time (docs/PROTOCOL.md, "Serving several tests"). A ``WorkerPool`` owns it.
///
/// The worker folds each request's events (those carrying the request's `id`, plus `hello` and
/// other id-less events while the request is current) into that test's ``LiveTestRun``. A test
/// ends with its `result`; if the process dies first, the test ends with the process's exit
/// status and the last stderr lines, and the worker is gone for good. Cancelling or timing out
/// a test kills the worker's whole group (the run's pid is the worker's).
///
/// ```swift
/// let worker = HarnessWorker.launch(key: key, serial: 1, environment: env, variables: vars) { _ in }
/// let termination = await worker.perform(run)   // nil: the worker was already gone
/// ```
final class HarnessWorker: Sendable {
    let key: WorkerKey
    let serial: Int
    private let requests: AsyncStream<String>.Continuation
    private let state: Mutex<State>
    /// The task that runs the process; it ends once the process is gone and reaped.
    private let lifetime = Mutex<Task<Void, Never>?>(nil)

    private struct State {
        var pid: Int32?
        var hello: HarnessHello?
        var current: Current?
        var exited = false
        var served = 0
        /// Stderr while no test is current (start-up before the first request, between tests).
        var idleStderr = LineTail(capacity: LiveRunRecorder.stderrTailLines)
    }

    private struct Current {
        var run: LiveTestRun
        var id: String
        var waiter: CheckedContinuation<RunTermination?, Never>
        var sawHello = false
    }

    private init(key: WorkerKey, serial: Int, requests: AsyncStream<String>.Continuation) {
        self.key = key
        self.serial = serial
        self.requests = requests
        self.state = Mutex(State())
    }

    // MARK: - Launching

    /// Starts the worker process at once; `onExit` runs once it is gone (after its current test ended).
    static func launch(key: WorkerKey, serial: Int, environment: HarnessEnvironment, variables: [String: String],
                       onExit: @escaping @Sendable (HarnessWorker) -> Void) -> HarnessWorker {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
        let worker = HarnessWorker(key: key, serial: serial, requests: continuation)
        let task = Task.detached {
            let termination = await worker.serve(lines: stream, environment: environment, variables: variables)
            worker.exited(termination)
            onExit(worker)
        }
        worker.lifetime.withLock { $0 = task }
        return worker
    }

    /// The worker's pid, which is also its process group's id, once it started.
    var processID: Int32? { state.withLock { $0.pid } }
    var isAlive: Bool { state.withLock { !$0.exited } }
    var isBusy: Bool { state.withLock { $0.current != nil } }
    /// Tests this worker has started.
    var served: Int { state.withLock { $0.served } }

    // MARK: - Serving a test

    /// Sends `run`'s request and waits for its `result` (`.exited(0)`), or for the worker's death
    /// (its exit status or signal, or the reason the engine killed it). `nil` when the worker was
    /// already gone before the request could be sent: the caller takes a fresh one.
    func perform(_ run: LiveTestRun) async -> RunTermination? {
        let id = "\(serial)-\(UUID().uuidString.prefix(8))"
        let line = Self.requestLine(id: id, request: run.request)
        return await withCheckedContinuation { (waiter: CheckedContinuation<RunTermination?, Never>) in
            let outcome = state.withLock { state -> (pid: Int32?, hello: HarnessHello?)? in
                guard !state.exited, state.current == nil else { return nil }
                state.current = Current(run: run, id: id, waiter: waiter, sawHello: state.hello != nil)
                state.served += 1
                return (state.pid, state.hello)
            }
            guard let outcome else { waiter.resume(returning: nil); return }
            if let hello = outcome.hello {       // a warm worker said hello long ago: each run records it
                run.recorder.withLock { $0.record(.hello(hello)) }
                run.continuation.yield(.event(.hello(hello)))
            }
            if let pid = outcome.pid { run.started(pid: pid) }
            requests.yield(line)
        }
    }

    /// Returns once the process is gone and reaped (its CPU time then counts in `RUSAGE_CHILDREN`).
    func waitUntilGone() async {
        await lifetime.withLock { $0 }?.value
    }

    /// Closes the worker's stdin: it finishes and exits (the pool also kills its group).
    func close() {
        requests.finish()
    }

    /// `{"id": …, "matrix": …, "row": …, "column": …}` and a newline; `withKey` adds the worker
    /// key (`backend`, `device`, `model`), which the Ray driver routes by (a worker has its own).
    static func requestLine(id: String, request: TestRunRequest, withKey: Bool = false) -> String {
        var object: [String: String] = ["id": id, "matrix": request.matrix, "row": request.row]
        if let column = request.column { object["column"] = column }
        if withKey {
            object["backend"] = request.backend
            object["device"] = request.device
            if let model = request.model { object["model"] = model }
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: - The process

    private func serve(lines: AsyncStream<String>, environment: HarnessEnvironment,
                       variables: [String: String]) async -> RunTermination {
        await LineProcess.run(arguments: key.arguments, environment: environment, variables: variables,
                              requests: lines, started: { self.started(pid: $0) },
                              stdout: { self.received($0) }, stderr: { self.receivedStderr($0) })
    }

    private func started(pid: Int32) {
        let run = state.withLock { state -> LiveTestRun? in
            state.pid = pid
            return state.current?.run
        }
        run?.started(pid: pid)
    }

    /// Routes one stdout line to the current test; its `result` ends the test.
    private func received(_ line: String) {
        let head = Self.head(of: line)
        if head.event == "ready" { return }          // the worker waits for the next request
        let event = HarnessEvent(line: line)
        var finished: CheckedContinuation<RunTermination?, Never>?
        let run = state.withLock { state -> LiveTestRun? in
            if case .hello(let hello) = event { state.hello = hello }
            guard let current = state.current else { return nil }
            if let id = head.id, id != current.id { return nil }     // a late line of an earlier test
            if case .hello = event {
                if current.sawHello { return nil }
                state.current?.sawHello = true
            }
            if case .result = event, head.id == current.id {
                finished = current.waiter
                state.current = nil
            }
            return current.run
        }
        guard let run else { return }
        run.recorder.withLock { $0.record(event) }
        run.continuation.yield(.event(event))
        finished?.resume(returning: .exited(0))
    }

    private func receivedStderr(_ line: String) {
        let run = state.withLock { state -> LiveTestRun? in
            if state.current == nil { state.idleStderr.append(line) }
            return state.current?.run
        }
        guard let run else { return }
        run.recorder.withLock { $0.recordStderr(line) }
        run.continuation.yield(.stderr(line))
    }

    /// The process is gone: the current test (if any) ends with how it went.
    private func exited(_ termination: RunTermination) {
        requests.finish()
        let (current, idleStderr) = state.withLock { state -> (Current?, [String]) in
            state.exited = true
            defer { state.current = nil }
            return (state.current, state.idleStderr.lines)
        }
        guard let current else { return }
        let run = current.run
        run.recorder.withLock { recorder in
            // A worker that died while starting said why before the request was current.
            if recorder.stderrTail.isEmpty { idleStderr.forEach { recorder.recordStderr($0) } }
            recorder.record(.log(stream: "engine", text: "warm worker \(key) (pid \(processID.map(String.init) ?? "?")) ended: \(termination)"))
        }
        current.waiter.resume(returning: run.control.withLock { $0.killedBy } ?? termination)
    }

    /// The `event` and `id` of a line, without decoding the rest.
    private static func head(of line: String) -> (event: String?, id: String?) {
        guard line.hasPrefix("{"), let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return (nil, nil) }
        return (object["event"] as? String, object["id"] as? String)
    }
}

import Foundation
import MatrixCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One run in progress: its updates as they arrive, a way to cancel it, and its final ``LiveRun``.
///
/// ```swift
/// let run = TestRunner().start(request)
/// for await update in run.updates { show(update) }     // ends with .finished(liveRun)
/// let verdict = await run.result                       // or: run.cancel()
/// ```
public final class LiveTestRun: Sendable {
    public let request: TestRunRequest
    /// Every update, in order, ending with ``RunUpdate/finished(_:)``. One consumer.
    public let updates: AsyncStream<RunUpdate>
    let continuation: AsyncStream<RunUpdate>.Continuation
    let control = Mutex(Control())
    /// The run's record so far; the reading tasks fold events into it.
    let recorder: Mutex<LiveRunRecorder>
    private let task = Mutex<Task<LiveRun, Never>?>(nil)

    /// What the reading tasks, the timer and ``cancel()`` share.
    struct Control {
        var pid: Int32?
        /// Set once the engine decided to kill the group (cancel or timeout): it names the verdict.
        var killedBy: RunTermination?
        var finished = false
        /// How to stop a run that is not a local process group (a cell on a Ray actor): asks the
        /// driver to cancel it. Set instead of `pid`.
        var remoteStop: (@Sendable () -> Void)?
    }

    init(request: TestRunRequest, machine: HostMachine) {
        self.request = request
        recorder = Mutex(LiveRunRecorder(request: request, host: machine.host, startedAt: Date()))
        recorder.withLock { $0.recordMachine(cpuName: machine.cpuName, gpuName: nil, driver: nil, cudaDriver: nil) }
        (updates, continuation) = AsyncStream.makeStream(of: RunUpdate.self, bufferingPolicy: .unbounded)
    }

    func attach(_ task: Task<LiveRun, Never>) {
        self.task.withLock { $0 = task }
    }

    // MARK: - Observing

    /// The verdict, once the harness is gone.
    public var result: LiveRun {
        get async {
            let task = self.task.withLock { $0 }!
            return await task.value
        }
    }

    /// The harness's pid (and process group id) once it started.
    public var processID: Int32? { control.withLock { $0.pid } }

    // MARK: - Stopping

    /// Cancels the run: SIGTERM to the harness's whole process group, SIGKILL half a second later.
    /// The verdict is an `error` with reason "cancelled". Does nothing once the run finished.
    public func cancel() {
        kill(because: .cancelled)
    }

    /// Kills the group for `reason` unless another reason came first or the run finished.
    func kill(because reason: RunTermination) {
        let (pid, remoteStop) = control.withLock { control -> (Int32?, (@Sendable () -> Void)?) in
            guard !control.finished, control.killedBy == nil else { return (nil, nil) }
            control.killedBy = reason
            return (control.pid, control.remoteStop)
        }
        if let remoteStop { remoteStop() } else if let pid { ProcessGroup(id: pid).terminate(grace: .milliseconds(500)) }
    }

    /// The run went to a remote executor that `stop` cancels; stops it at once when a cancel came first.
    func startedRemotely(stop: @escaping @Sendable () -> Void) {
        let stopNow = control.withLock { control -> Bool in
            control.remoteStop = stop
            return control.killedBy != nil
        }
        if stopNow { stop() }
    }

    /// The set-up script's pid while it runs (`nil` after): a cancel stops a long install too.
    func settingUp(pid: Int32?) {
        let killNow = control.withLock { control -> Bool in
            control.pid = pid
            return pid != nil && control.killedBy != nil
        }
        if killNow, let pid { ProcessGroup(id: pid).terminate(grace: .milliseconds(500)) }
    }

    /// Records the pid; kills at once when a cancel arrived before the spawn finished.
    func started(pid: Int32) {
        let killNow = control.withLock { control -> Bool in
            control.pid = pid
            return control.killedBy != nil
        }
        continuation.yield(.started(pid: pid))
        if killNow { ProcessGroup(id: pid).terminate(grace: .milliseconds(500)) }
    }
}

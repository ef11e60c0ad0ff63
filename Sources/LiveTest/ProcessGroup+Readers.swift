import Subprocess
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The pieces a one-shot run (`TestRunner`) and a warm worker (`HarnessWorker`) share while they
// read a harness's pipes: both must end the reads even when a backend's child keeps them open.

extension ProcessGroup {
    /// Waits until the group's leader (`pid`) has exited (a zombie), then kills what is left of
    /// its group: a child that outlives the harness keeps the pipes open, so the reads would
    /// never end. Returns when the task is cancelled or after the kill.
    ///
    /// ```swift
    /// group.addTask { await ProcessGroup.killStragglersAfterLeader(pid); return false }
    /// ```
    static func killStragglersAfterLeader(_ pid: pid_t) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(200))
            if isZombie(pid) { ProcessGroup(id: pid).send(SIGKILL); return }
        }
    }
}

/// Reads one of a harness's pipes to its end, each line to `receive`; a read that fails ends it with
/// one line to `failure` (`engine: reading <what> failed: …`). Returns `true`: it is a reader for
/// ``TaskGroup/finishAfterReaders(_:)``.
///
/// ```swift
/// group.addTask { await readEachLine(execution.standardError.strings(), what: "stderr", log, failure: log) }
/// ```
func readEachLine<Lines: AsyncSequence>(_ lines: Lines, what: String, _ receive: (String) -> Void,
                                        failure: (String) -> Void) async -> Bool where Lines.Element == String {
    do {
        for try await line in lines { receive(line) }
    } catch {
        failure("engine: reading \(what) failed: \(error)")
    }
    return true
}

extension TaskGroup where ChildTaskResult == Bool {
    /// Waits for `count` reader tasks (those that return `true`: stdout, stderr), then cancels
    /// the helpers still running (the writer, the straggler killer).
    mutating func finishAfterReaders(_ count: Int) async {
        var done = 0
        while done < count, let isReader = await next() {
            if isReader { done += 1 }
        }
        cancelAll()
    }
}

extension RunTermination {
    /// How a process that the engine did not kill itself ended.
    init(_ status: TerminationStatus) {
        switch status {
        case .exited(let code): self = .exited(code)
        case .signaled(let signal): self = .signaled(signal)
        }
    }
}

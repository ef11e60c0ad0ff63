import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process group the engine started (the harness is its leader, so `id` is the harness's pid):
/// signals go to every process in it, so the backend's own children die with the harness.
///
/// ```swift
/// let group = ProcessGroup(id: pid)
/// group.terminate(grace: .milliseconds(500))   // SIGTERM now, SIGKILL half a second later
/// group.members()                              // [] once every process in it is gone
/// ```
public struct ProcessGroup: Sendable, Hashable {
    public let id: Int32

    public init(id: Int32) { self.id = id }

    /// Sends `signal` to every process of the group; `false` when none was left (ESRCH).
    @discardableResult
    public func send(_ signal: Int32) -> Bool {
        kill(-id, signal) == 0
    }

    /// SIGTERM to the group, then SIGKILL after `grace` to whatever is left. Returns at once.
    public func terminate(grace: Duration = .milliseconds(500)) {
        send(SIGTERM)
        let group = self
        Task.detached {
            try? await Task.sleep(for: grace)
            group.send(SIGKILL)
        }
    }

    /// The living pids whose process group is this one, read from `/proc` (Linux). Zombies are
    /// left out: they are dead and hold nothing but a table entry until their parent (for an
    /// orphan, init) reaps them. Empty where `/proc` is missing.
    public func members() -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = ProcStat(pid: pid) else { return false }
            return stat.processGroup == id && stat.state != "Z"
        }
    }

    /// Whether the leader has exited but is not reaped yet (its state in `/proc` is `Z`).
    public static func isZombie(_ pid: Int32) -> Bool {
        ProcStat(pid: pid)?.state == "Z"
    }
}

/// The few fields of `/proc/<pid>/stat` the engine reads.
struct ProcStat {
    var state: Character
    var processGroup: Int32

    init?(pid: Int32) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm)": state ppid pgrp …; comm may hold spaces and parentheses.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let group = Int32(fields[2]) else { return nil }
        self.state = state
        self.processGroup = group
    }
}

import Explorer
import Foundation
import Synchronization

/// Where a background run (one test, or a batch) leaves the explorer ``Action``s it produces, for
/// the app loop to drain between keys. Shared by ``LiveTestSession`` and ``BatchSession``.
///
/// ```swift
/// inbox.post(.liveEvent(.event(.phase("load"))))
/// inbox.post(.liveFinished(run), finishing: true)
/// for action in inbox.drain() { dispatch(action) }
/// ```
final class ActionInbox: Sendable {
    private struct State {
        var actions: [Action] = []
        var finished = false
    }

    private let state = Mutex(State())

    /// Queues `action` (if any); `finishing` marks the run's last update.
    func post(_ action: Action?, finishing: Bool = false) {
        state.withLock {
            if let action { $0.actions.append(action) }
            if finishing { $0.finished = true }
        }
    }

    /// Actions that arrived since the last call, in order.
    func drain() -> [Action] {
        state.withLock { state in
            defer { state.actions.removeAll(keepingCapacity: true) }
            return state.actions
        }
    }

    var hasPending: Bool { state.withLock { !$0.actions.isEmpty } }

    /// Whether the run's last update has arrived (drain it to deliver it).
    var isFinished: Bool { state.withLock { $0.finished } }

    /// Blocks the caller (the app loop, on its way out) until the last update or `limit`.
    func waitUntilFinished(limit: Duration) {
        let deadline = ContinuousClock.now + limit
        while !isFinished && ContinuousClock.now < deadline { usleep(20_000) }
    }
}

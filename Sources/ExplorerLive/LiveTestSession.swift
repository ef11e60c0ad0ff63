import Explorer
import Foundation
import LiveTest
import MatrixCore
import Synchronization

/// One live test started from the explorer: runs the engine on a ``LiveTarget`` and turns every
/// update into an explorer ``Action`` in an inbox that the app loop drains between keys (the
/// loop's key wait returns early when ``hasPending`` says so). The explorer itself stays pure.
///
/// ```swift
/// let session = LiveTestSession(target: target)        // the harness starts now
/// for action in session.drain() { dispatch(action) }    // .liveEvent(…), …, .liveFinished(run)
/// session.cancel()                                      // kills the harness's process group
/// ```
public final class LiveTestSession: Sendable {
    public let target: LiveTarget
    private let run: LiveTestRun
    private let inbox = Mutex(Inbox())
    private let startedAt = ContinuousClock.now

    private struct Inbox {
        var actions: [Action] = []
        var finished = false
    }

    /// Starts the run at once (the engine's own task); `runner` chooses the environment and the
    /// telemetry sampler (tests and benchmarks pass theirs).
    public init(target: LiveTarget, request: TestRunRequest? = nil, runner: TestRunner = TestRunner()) {
        self.target = target
        let run = runner.start(request ?? target.request)
        self.run = run
        // The pump holds the session until the run's stream ends (it always does, with the verdict).
        Task.detached { [self] in
            for await update in run.updates {
                let action = Action(update)
                self.inbox.withLock {
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

    /// Whether the verdict has arrived in the inbox (drain it to deliver it).
    public var isFinished: Bool { inbox.withLock { $0.finished } }

    /// Seconds since the run was asked for (the pane's clock).
    public var elapsed: Double {
        let duration = ContinuousClock.now - startedAt
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// SIGTERM to the harness's process group, SIGKILL half a second later; the verdict that
    /// follows is an `error` run whose reason says "cancelled".
    public func cancel() { run.cancel() }

    /// Cancels and waits (at most `limit`) for the verdict: used when the explorer quits, so no
    /// harness outlives it.
    public func cancelAndWait(limit: Duration = .seconds(2)) {
        cancel()
        let deadline = ContinuousClock.now + limit
        while !isFinished && ContinuousClock.now < deadline { usleep(20_000) }
    }
}

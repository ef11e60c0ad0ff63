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
public final class LiveTestSession: ActionSession, Sendable {
    public let target: LiveTarget
    private let run: LiveTestRun
    private let inbox = ActionInbox()
    private let startedAt = ContinuousClock.now

    /// Starts the run at once (the engine's own task); `runner` chooses the environment and the
    /// telemetry sampler (tests and benchmarks pass theirs).
    public init(target: LiveTarget, request: TestRunRequest? = nil, runner: TestRunner = TestRunner()) {
        self.target = target
        let run = runner.start(request ?? target.request)
        self.run = run
        // The pump holds the session until the run's stream ends (it always does, with the verdict).
        Task.detached { [self] in
            for await update in run.updates {
                let finishing = if case .finished = update { true } else { false }
                self.inbox.post(Action(update), finishing: finishing)
            }
        }
    }

    // MARK: - The app loop's side

    /// Actions that arrived since the last call, in order.
    public func drain() -> [Action] { inbox.drain() }

    public var hasPending: Bool { inbox.hasPending }

    /// Whether the verdict has arrived in the inbox (drain it to deliver it).
    public var isFinished: Bool { inbox.isFinished }

    /// Seconds since the run was asked for (the pane's clock).
    public var elapsed: Double { (ContinuousClock.now - startedAt) / .seconds(1) }

    /// The pane's clock moving on.
    public var tick: Action { .liveTick(elapsed: elapsed) }

    /// SIGTERM to the harness's process group, SIGKILL half a second later; the verdict that
    /// follows is an `error` run whose reason says "cancelled".
    public func cancel() { run.cancel() }

    /// Cancels and waits (at most `limit`) for the verdict: used when the explorer quits, so no
    /// harness outlives it.
    public func cancelAndWait(limit: Duration = .seconds(2)) {
        cancel()
        inbox.waitUntilFinished(limit: limit)
    }
}

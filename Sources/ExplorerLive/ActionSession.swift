import Explorer

/// What the explorer's loop needs of a session that works in the background (one live test, one
/// batch): the actions it queued, whether it is done, and the action that moves its clocks.
///
/// ```swift
/// let actions = session.drain()          // apply them in order
/// if session.isFinished && !session.hasPending { /* forget the session */ }
/// ```
public protocol ActionSession: AnyObject {
    /// Actions that arrived since the last call, in order.
    func drain() -> [Action]
    /// Whether actions wait in the inbox (the loop's key wait returns early).
    var hasPending: Bool { get }
    /// Whether the session's last action has arrived in the inbox (drain it to deliver it).
    var isFinished: Bool { get }
    /// The action that advances the session's clocks on screen (spinner, elapsed time).
    var tick: Action { get }
}

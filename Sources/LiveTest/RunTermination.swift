/// How the harness process ended, as far as the verdict cares.
///
/// ```swift
/// RunTermination.exited(0)
/// RunTermination.timedOut(seconds: 600)
/// ```
public enum RunTermination: Sendable, Hashable {
    /// Exit status (`0` result written, `2` bad arguments, `1` crashed).
    case exited(Int32)
    /// Killed by a signal the engine did not send (someone else, the OOM killer).
    case signaled(Int32)
    /// The engine killed it on the caller's request.
    case cancelled
    /// The engine killed it when the time limit ran out.
    case timedOut(seconds: Double)
    /// It never started (spawn failed, no Python); the text says why.
    case failedToStart(String)
}

import Explorer
import LiveTest
import MatrixCore

/// The engine's updates as explorer actions: the verdict becomes ``Action/liveFinished(_:)``,
/// everything else ``Action/liveEvent(_:)`` (the harness's `result` line is left out: the
/// verdict carries it, with the engine's own reasons for a crash, a timeout or a cancel).
///
/// ```swift
/// Action(.event(.phase("load")))     // .liveEvent(.event(.phase("load")))
/// Action(.finished(run))             // .liveFinished(run)
/// ```
extension Action {
    /// Nil for the harness's `result` line, which the verdict repeats.
    public init?(_ update: RunUpdate) {
        switch update {
        case .event(.result): return nil
        case .finished(let run): self = .liveFinished(run)
        default: self = .liveEvent(update)
        }
    }
}

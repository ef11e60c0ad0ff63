import Synchronization

/// The board's idle power for the runs of one ``TestRunner``: measured just before a run when no
/// other run of that runner is going on, and reused while runs overlap (a batch's warm workers share
/// the GPU, so the board is never idle between their runs). Runs that start together during a
/// measurement all get it.
///
/// ```swift
/// let idle = await baseline.enter(sampler)   // 72.8 W, measured now or by the run before
/// defer { baseline.leave() }
/// ```
public final class IdleBaseline: Sendable {
    private struct State {
        var inFlight = 0
        var watts: Double?
        var measuring: Task<Double?, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts a run in and returns the idle power for it (`nil` without NVML).
    public func enter(_ sampler: TelemetrySampler) async -> Double? {
        let (task, known): (Task<Double?, Never>?, Double?) = state.withLock { state in
            defer { state.inFlight += 1 }
            if let measuring = state.measuring { return (measuring, nil) }
            guard state.inFlight == 0 || state.watts == nil, sampler.unavailable == nil else { return (nil, state.watts) }
            let measuring = Task { await sampler.idleWatts() }
            state.measuring = measuring
            return (measuring, nil)
        }
        guard let task else { return known }
        let watts = await task.value
        state.withLock { state in
            if state.measuring == task {
                state.measuring = nil
                state.watts = watts ?? state.watts
            }
        }
        return watts
    }

    /// Counts a run out.
    public func leave() {
        state.withLock { $0.inFlight = max(0, $0.inFlight - 1) }
    }
}

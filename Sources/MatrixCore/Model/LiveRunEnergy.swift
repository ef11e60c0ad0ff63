import Foundation

/// The energy a run used on the GPU, from NVML's total-energy counter (end minus start), and the
/// part of it above the board's idle power (measured just before the run): what the work itself cost.
///
/// ```swift
/// let e = LiveRunEnergy(joules: 812.5, seconds: 10, idleWatts: 72, tokens: 256)
/// e.aboveIdleJoules            // 92.5   (812.5 − 72 W × 10 s)
/// e.tokensPerJouleAboveIdle    // 2.77
/// ```
public struct LiveRunEnergy: Codable, Sendable, Hashable {
    /// The board's energy over the run, idle power included.
    public var joules: Double
    /// Generated tokens divided by ``joules``; `nil` when the harness reported no token count.
    public var tokensPerJoule: Double?
    /// The board's power just before the run; `nil` when it was not measured (older runs, no counter).
    public var idleWatts: Double?
    /// ``joules`` minus idle power × the run's duration (not below zero).
    public var aboveIdleJoules: Double?
    /// Generated tokens divided by ``aboveIdleJoules``.
    public var tokensPerJouleAboveIdle: Double?

    public init(joules: Double, tokensPerJoule: Double? = nil, idleWatts: Double? = nil,
                aboveIdleJoules: Double? = nil, tokensPerJouleAboveIdle: Double? = nil) {
        self.joules = joules
        self.tokensPerJoule = tokensPerJoule
        self.idleWatts = idleWatts
        self.aboveIdleJoules = aboveIdleJoules
        self.tokensPerJouleAboveIdle = tokensPerJouleAboveIdle
    }

    /// The figures of a run of `seconds` that used `joules` and generated `tokens`, with the board
    /// at `idleWatts` before it.
    public init(joules: Double, seconds: Double, idleWatts: Double?, tokens: Double?) {
        let above = idleWatts.map { max(0, joules - $0 * seconds) }
        self.init(joules: joules, tokensPerJoule: Self.perJoule(tokens, joules), idleWatts: idleWatts,
                  aboveIdleJoules: above, tokensPerJouleAboveIdle: Self.perJoule(tokens, above))
    }

    /// `92.5 J above idle (idle 72.0 W) · 2.77 tokens/J above idle`: the one text of these figures
    /// for the pane, `test` and `show`; nil where the idle power was not measured.
    public var aboveIdleSummary: String? {
        guard let idleWatts, let aboveIdleJoules else { return nil }
        var text = String(format: "%.1f J above idle (idle %.1f W)", aboveIdleJoules, idleWatts)
        if let perJoule = tokensPerJouleAboveIdle { text += String(format: " · %.3g tokens/J above idle", perJoule) }
        return text
    }

    private static func perJoule(_ tokens: Double?, _ joules: Double?) -> Double? {
        guard let tokens, let joules, joules > 0 else { return nil }
        return tokens / joules
    }
}

/// One oracle's verdict inside a live run: did the parameter take effect, and how we know.
///
/// ```swift
/// LiveRunCheck(name: "beams1_equals_greedy", passed: true, evidence: "identical 32 tokens")
/// ```
public struct LiveRunCheck: Codable, Sendable, Hashable {
    public var name: String
    public var passed: Bool
    public var evidence: String
    /// What the check observes (`docs/ARCHITECTURE.md`, decision 2); nil for a check recorded
    /// before checks had kinds ("recorded under the old rule").
    public var kind: CheckKind?

    public init(name: String, passed: Bool, evidence: String, kind: CheckKind? = nil) {
        self.name = name
        self.passed = passed
        self.evidence = evidence
        self.kind = kind
    }
}

/// Whether a check saw the parameter act on the computation or only read evidence of it.
///
/// ```swift
/// CheckKind(rawValue: "effect")     // .effect: output, timing, shapes, memory or scheduler against a baseline without it
/// CheckKind(rawValue: "evidence")   // .evidence: read-back, invariance, anything else
/// ```
public enum CheckKind: String, Codable, Sendable, Hashable, CaseIterable {
    case effect, evidence
}

/// One measured figure of a live run (`tokens_per_s`, `ttft_s`, `peak_memory_bytes`, …).
///
/// ```swift
/// LiveRunMetric(name: "tokens_per_s", value: 41.7, unit: "tok/s")
/// ```
public struct LiveRunMetric: Codable, Sendable, Hashable {
    public var name: String
    public var value: Double
    public var unit: String

    public init(name: String, value: Double, unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }
}

/// How two verdicts of one cell relate — the honest labels.
///
/// *Regression* and *fix* only between live results of the same backend on the same device class
/// (one environment over time, or an engine upgrade there). Any other disagreement — a document
/// against a live run, CPU against GPU, PyTorch against TensorRT-LLM's claim — *differs*, and
/// ``VerdictComparison/detail`` names why.
///
/// ```swift
/// VerdictComparison(from: (doc, .supported), to: (cpuVllm, .unsupported))?.change  // .differs ("CPU build")
/// VerdictComparison(from: (h200v26, .supported), to: (h200v32, .unsupported))?.change  // .regression
/// ```
public enum VerdictChange: String, Sendable, Hashable, CaseIterable, Codable {
    case regression
    case fix
    case differs
}

/// Two sides of a cell compared: the change and, for *differs*, why they are not comparable.
public struct VerdictComparison: Sendable, Hashable {
    public var change: VerdictChange
    /// `CPU build`, `document vs live`, `pytorch vs tensorrt`, `passed vs uncertain`; empty for regression/fix.
    public var detail: String

    /// `nil` when both sides say the same thing, or either has no verdict (untested, N/A).
    ///
    /// - Parameters:
    ///   - from: the older or reference side (a document, the environment you move from).
    ///   - to: the newer side (the environment you move to).
    ///   - backend: the cell's backend, for a document without one of its own.
    public init?(from: (environment: Environment, status: CellStatus), to: (environment: Environment, status: CellStatus),
                 backend: String? = nil) {
        guard from.status != to.status, from.status.isTested, to.status.isTested else { return nil }
        let contradicts = liveResult(to.status, contradicts: from.status)
        if Self.sameLine(from.environment, to.environment, backend: backend), contradicts {
            change = to.status == .unsupported ? .regression : .fix
            detail = ""
            return
        }
        change = .differs
        detail = Self.why(from: from, to: to, backend: backend)
    }

    /// Same backend, same device class, both live: a result there can regress or be fixed.
    public static func sameLine(_ a: Environment, _ b: Environment, backend: String? = nil) -> Bool {
        !a.isDocument && !b.isDocument && (a.backend ?? backend) == (b.backend ?? backend) && a.deviceClass == b.deviceClass
    }

    static func why(from: (environment: Environment, status: CellStatus), to: (environment: Environment, status: CellStatus),
                    backend: String?) -> String {
        let a = from.environment, b = to.environment
        if (a.backend ?? backend) != (b.backend ?? backend) {
            return "\(a.backend ?? backend ?? "?") vs \(b.backend ?? backend ?? "?")"
        }
        let cpu = [a, b].filter { $0.deviceClass == "cpu" }.count
        if cpu == 1 { return "CPU build" }
        if a.isDocument != b.isDocument { return a.isDocument ? "document vs live" : "live vs document" }
        if a.deviceClass != b.deviceClass { return "\(a.deviceClass ?? "?") vs \(b.deviceClass ?? "?")" }
        return "\(from.status.queryName) vs \(to.status.queryName)"
    }

    /// `regression`, `fix`, or `differs (CPU build)`.
    public var label: String {
        change == .differs && !detail.isEmpty ? "differs (\(detail))" : change.rawValue
    }
}

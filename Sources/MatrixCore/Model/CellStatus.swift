/// The one normalised state of a matrix cell.
///
/// Both kinds of matrix (parameter × backend and model × feature) map onto these five states,
/// so one query (`status:failed`) filters both the same way. The source's literal text is kept
/// beside the status in ``Cell/literal``.
///
/// ```swift
/// CellStatus(symbol: "❌")       // .unsupported
/// CellStatus(queryName: "na")   // .notApplicable
/// ```
public enum CellStatus: String, Codable, CaseIterable, Sendable, Hashable, Comparable {
    /// ✅ in the parameter matrix, `Yes` in the feature matrices.
    case supported
    /// ❌ in the parameter matrix, `No` in the feature matrices.
    case unsupported
    /// ⚠️: passed, but the benchmarking tool could not verify that the parameter took effect.
    case uncertain
    /// ➖ in the parameter matrix, `Untested` in the feature matrices.
    case untested
    /// `N/A`: the feature does not apply to the architecture.
    case notApplicable

    /// One byte, for compact status arrays (see ``MatrixGrid``).
    public var code: UInt8 {
        switch self {
        case .supported: 0
        case .unsupported: 1
        case .uncertain: 2
        case .untested: 3
        case .notApplicable: 4
        }
    }

    public init?(code: UInt8) {
        switch code {
        case 0: self = .supported
        case 1: self = .unsupported
        case 2: self = .uncertain
        case 3: self = .untested
        case 4: self = .notApplicable
        default: return nil
        }
    }

    /// A status counts as tested when it says something about support.
    public var isTested: Bool { self == .supported || self == .unsupported || self == .uncertain }

    /// The word the query language and the exports use: `passed`, `failed`, `uncertain`, `untested`, `na`.
    public var queryName: String {
        switch self {
        case .supported: "passed"
        case .unsupported: "failed"
        case .uncertain: "uncertain"
        case .untested: "untested"
        case .notApplicable: "na"
        }
    }

    /// Accepts the query words and their common synonyms (case-insensitive).
    public init?(queryName: String) {
        switch queryName.lowercased() {
        case "passed", "pass", "supported", "yes", "ok": self = .supported
        case "failed", "fail", "unsupported", "no": self = .unsupported
        case "uncertain", "warn", "warning", "unverified": self = .uncertain
        case "untested", "skipped", "none": self = .untested
        case "na", "n/a", "notapplicable", "not-applicable": self = .notApplicable
        default: return nil
        }
    }

    /// The glyph seed 000 uses for this status.
    public var symbol: String {
        switch self {
        case .supported: "✅"
        case .unsupported: "❌"
        case .uncertain: "⚠️"
        case .untested: "➖"
        case .notApplicable: "N/A"
        }
    }

    /// Reads a parameter-matrix glyph (`✅ ❌ ⚠️ ➖`; `⚠` without the variation selector too).
    public init?(symbol: String) {
        switch symbol.trimmingCharacters(in: .whitespaces) {
        case "✅": self = .supported
        case "❌": self = .unsupported
        case "⚠️", "⚠": self = .uncertain
        case "➖": self = .untested
        default: return nil
        }
    }

    /// Reads a feature-matrix word (`Yes`, `No`, `Untested`, `N/A`), ignoring case.
    public init?(word: String) {
        switch word.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes": self = .supported
        case "no": self = .unsupported
        case "untested": self = .untested
        case "n/a", "na": self = .notApplicable
        default: return nil
        }
    }

    /// The word the feature matrices use for this status.
    public var word: String {
        switch self {
        case .supported: "Yes"
        case .unsupported: "No"
        case .uncertain: "Uncertain"
        case .untested: "Untested"
        case .notApplicable: "N/A"
        }
    }

    public static func < (lhs: CellStatus, rhs: CellStatus) -> Bool { lhs.code < rhs.code }
}

/// The verdict of one live run, as the harness's `result` event names it.
///
/// ```swift
/// LiveRunStatus.passed.cellStatus   // .supported
/// LiveRunStatus.error.cellStatus    // nil: an error says nothing about the cell
/// ```
public enum LiveRunStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case passed
    case failed
    case uncertain
    case skipped
    case error

    /// The status the cell takes when this verdict lands, or `nil` when the cell keeps its status.
    ///
    /// `passed → supported`, `failed → unsupported`, `uncertain → uncertain`,
    /// `skipped → untested`, `error →` no change.
    public var cellStatus: CellStatus? {
        switch self {
        case .passed: .supported
        case .failed: .unsupported
        case .uncertain: .uncertain
        case .skipped: .untested
        case .error: nil
        }
    }
}

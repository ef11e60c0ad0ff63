/// The verdict of one live run, as the harness's `result` event names it.
///
/// ```swift
/// LiveRunStatus.passed.cellStatus   // .supported
/// LiveRunStatus.error.cellStatus    // nil: an error (or a skip) says nothing about the cell
/// ```
public enum LiveRunStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case passed
    case failed
    case uncertain
    case skipped
    case error

    /// The status the cell takes when this verdict lands, or `nil` when the cell keeps its status.
    ///
    /// `passed → supported`, `failed → unsupported`, `uncertain → uncertain`; `skipped` and
    /// `error` leave the cell as it was: a run that did not test (the backend is not installed,
    /// the feature is not applicable on the backend that ran) must not hide what a document says.
    public var cellStatus: CellStatus? {
        switch self {
        case .passed: .supported
        case .failed: .unsupported
        case .uncertain: .uncertain
        case .skipped, .error: nil
        }
    }

    /// The status a verdict is drawn with (its glyph and colour): `skipped` looks untested even
    /// though it leaves the cell as it was; `error` has none (drawn as an error).
    public var displayStatus: CellStatus? {
        self == .skipped ? .untested : cellStatus
    }
}

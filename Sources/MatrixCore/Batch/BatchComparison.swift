/// How a batch's live verdict compares with the imported matrix's status for the same cell.
///
/// ```swift
/// BatchComparison(imported: .supported, live: .failed)    // .regression
/// BatchComparison(imported: .untested, live: .passed)     // .news
/// ```
public enum BatchComparison: String, Sendable, Hashable, CaseIterable, Codable {
    /// The matrix says it works (supported or uncertain); the live test says it does not.
    case regression
    /// The matrix says it does not work; the live test says it does.
    case fix
    /// Both say the same thing (works/works, fails/fails).
    case agreement
    /// The matrix never tested it (untested or N/A); the live test has a verdict.
    case news
    /// The live test was skipped (backend not installed, cell not applicable): nothing to compare.
    case skipped
    /// The live test broke (crash, timeout, cancel): nothing to compare.
    case error

    public init(imported: CellStatus, live: LiveRunStatus) {
        if live == .skipped { self = .skipped; return }
        guard let status = live.cellStatus else { self = .error; return }
        if !imported.isTested { self = .news; return }
        if liveResult(status, contradicts: imported) {
            self = status == .unsupported ? .regression : .fix
        } else {
            self = .agreement
        }
    }
}

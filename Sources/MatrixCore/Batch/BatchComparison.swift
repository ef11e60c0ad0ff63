/// How a batch's live verdict compares with the imported matrix's status for the same cell.
///
/// The document is another environment (seed 000 ran on a GPU in 2026-02; the supported-models
/// page states TensorRT-LLM's claims), so a disagreement *differs* — never a regression: that
/// label needs an earlier result of the same backend on the same device class (``VerdictComparison``).
///
/// ```swift
/// BatchComparison(imported: .supported, live: .failed)    // .differs
/// BatchComparison(imported: .untested, live: .passed)     // .news
/// ```
public enum BatchComparison: String, Sendable, Hashable, CaseIterable, Codable {
    /// The matrix and the live test disagree (works against does not, or passed against uncertain).
    case differs
    /// Both say the same thing.
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
        self = status == imported ? .agreement : .differs
    }
}

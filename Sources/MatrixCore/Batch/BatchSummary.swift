/// What a batch found, compared with the imported matrix: differences, agreements,
/// news, skips and errors, plus the cells it never ran (cancelled).
///
/// ```swift
/// let summary = BatchSummary(outcomes: outcomes, notRun: [])
/// summary.count(.differs)      // 3
/// summary.headline             // "110 tested: 3 differ, 90 agreements, 10 news, 7 skipped, 0 errors"
/// ```
public struct BatchSummary: Sendable, Hashable {
    public var outcomes: [BatchOutcome]
    /// Cells left when the batch was cancelled.
    public var notRun: [BatchCell]

    public init(outcomes: [BatchOutcome], notRun: [BatchCell] = []) {
        self.outcomes = outcomes
        self.notRun = notRun
    }

    public func outcomes(_ comparison: BatchComparison) -> [BatchOutcome] {
        outcomes.filter { $0.comparison == comparison }
    }

    public func count(_ comparison: BatchComparison) -> Int {
        outcomes.reduce(0) { $0 + ($1.comparison == comparison ? 1 : 0) }
    }

    public func count(_ status: LiveRunStatus) -> Int {
        outcomes.reduce(0) { $0 + ($1.run.status == status ? 1 : 0) }
    }

    /// One line: how many ran and what they say against the matrix.
    public var headline: String {
        var parts = BatchComparison.allCases.map { comparison -> String in
            let n = count(comparison)
            return "\(n) \(Self.plural(comparison, n))"
        }
        if !notRun.isEmpty { parts.append("\(notRun.count) not run") }
        return "\(outcomes.count) tested: " + parts.joined(separator: ", ")
    }

    static func plural(_ comparison: BatchComparison, _ n: Int) -> String {
        switch comparison {
        case .differs: n == 1 ? "differs" : "differ"
        case .agreement: n == 1 ? "agreement" : "agreements"
        case .news: "news"
        case .skipped: "skipped"
        case .error: n == 1 ? "error" : "errors"
        }
    }
}

import MatrixCore

/// The batch `T` started: its plan, its progress (done, failed, errors, remaining, ETA), the cell
/// under test and, once it ended, the summary against the imported matrix. The current test's
/// own events go to ``ExplorerState/livePane`` as for a single run.
///
/// ```swift
/// var batch = BatchState(plan: plan)
/// batch.progress.record(.passed, elapsed: 3)
/// batch.progressLine   // "1/4 · failed 0 · errors 0 · remaining 3 · ETA 9s · 3s"
/// ```
public struct BatchState: Sendable, Hashable {
    public var plan: BatchPlan
    public var progress: BatchProgress
    /// Index into the plan's cells of the test in progress.
    public var current: Int?
    /// Until the report (its summary) arrives.
    public var running: Bool { summary == nil }
    /// `x` asked to cancel the rest; the tests in flight end as cancelled errors.
    public var cancelling = false
    /// Seconds since the batch was confirmed (the app loop's clock).
    public var elapsed: Double = 0
    /// The comparison with the imported matrix, once the batch ended.
    public var summary: BatchSummary?
    public var cancelled = false

    public init(plan: BatchPlan) {
        self.plan = plan
        progress = BatchProgress(total: plan.cells.count)
    }

    // MARK: - Derived figures

    /// Seconds left at the mean pace so far (the clock keeps moving between results).
    public var etaSeconds: Double? {
        guard progress.done > 0, progress.remaining > 0 else { return nil }
        return max(elapsed, progress.elapsed) / Double(progress.done) * Double(progress.remaining)
    }

    /// `2/4 · failed 0 · errors 0 · remaining 2 · ETA 8s · 12s`
    public var progressLine: String {
        var text = "\(progress.done)/\(progress.total) · failed \(progress.failed) · errors \(progress.errors)"
            + " · remaining \(progress.remaining)"
        if running, let eta = etaSeconds { text += " · ETA \(BatchProgress.duration(eta))" }
        text += " · \(BatchProgress.duration(max(elapsed, progress.elapsed)))"
        if cancelling && running { text += " · cancelling" }
        return text
    }

    /// A bar of `width` cells, `█` for the finished share and `░` for the rest (`#`/`-` in ASCII).
    public func bar(width: Int, ascii: Bool = false) -> String {
        guard width > 0 else { return "" }
        let filled = progress.total == 0 ? width : min(width, progress.done * width / progress.total)
        return String(repeating: ascii ? "#" : "█", count: filled) + String(repeating: ascii ? "-" : "░", count: width - filled)
    }

    // MARK: - Summary lines

    /// The summary panel's lines: the headline, one line per comparison group (with the row keys
    /// of the cells that differ from the document, and why) and the verdict counts.
    public func summaryLines(maxKeys: Int = 6) -> [(text: String, group: BatchComparison?)] {
        guard let summary else { return [] }
        var lines: [(text: String, group: BatchComparison?)] = []
        let head = cancelled ? "Cancelled after \(summary.outcomes.count) of \(plan.cells.count.counted("test"))"
            : "\(summary.outcomes.count) tested"
        lines.append(("\(head) on \(plan.backends.joined(separator: ", ")) · \(plan.matrix) · \(BatchProgress.duration(elapsed))", nil))
        for group in BatchComparison.allCases {
            let outcomes = summary.outcomes(group)
            lines.append(("\(Self.label(group))\(outcomes.count)", group))
            guard group == .differs else { continue }
            for outcome in outcomes.prefix(maxKeys) {
                let why = outcome.difference.map { " (\($0.detail))" } ?? ""
                lines.append(("    \(outcome.cell.name) · doc \(outcome.cell.imported.queryName), live \(outcome.run.status.rawValue)\(why)", group))
            }
            if outcomes.count > maxKeys { lines.append(("    … \(outcomes.count - maxKeys) more", group)) }
        }
        if !summary.notRun.isEmpty { lines.append(("not run \(summary.notRun.count) (cancelled)", nil)) }
        let verdicts = LiveRunStatus.allCases.map { "\($0.rawValue) \(summary.count($0))" }
        lines.append((verdicts.joined(separator: " · "), nil))
        return lines
    }

    /// `differ`, `agreements`, … padded so the counts line up.
    static func label(_ group: BatchComparison) -> String {
        let names: [BatchComparison: String] = [.differs: "differ", .agreement: "agreements",
                                                .news: "news", .skipped: "skipped", .error: "errors"]
        let name = names[group] ?? group.rawValue
        return name + String(repeating: " ", count: max(1, 12 - name.count))
    }
}

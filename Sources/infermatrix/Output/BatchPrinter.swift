import Foundation
import LiveTest
import MatrixCore

/// Writes a batch to the terminal: one line per finished test on stdout, a progress line on stderr
/// (redrawn in place on a terminal, one per test otherwise), and the summary against the matrix.
///
/// ```swift
/// var printer = BatchPrinter(glyphs: true)
/// printer.finished(outcome, progress: progress)
/// printer.summary(report, files: paths, recordedIn: store.path)
/// ```
struct BatchPrinter {
    /// Parameter matrices show ✅ ❌ ⚠️ ➖; feature matrices their words.
    var glyphs: Bool
    private let progressInPlace = isatty(STDERR_FILENO) == 1
    private var progressShown = false

    init(glyphs: Bool) { self.glyphs = glyphs }

    mutating func started(_ cell: BatchCell) {
        guard progressInPlace else { return }
        progress("▶ \(cell.name)")
    }

    mutating func finished(_ outcome: BatchOutcome, progress: BatchProgress) {
        endProgress()
        let run = outcome.run
        let symbol = run.status.displayStatus?.symbol ?? "💥"
        let reason = String(run.reason.split(separator: "\n", maxSplits: 1).first ?? "").prefix(100)
        var line = "\(symbol) \(run.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) "
            + "\(outcome.cell.name)  (\(LiveRunPrinter.number(max(run.duration, 0))) s)"
        switch outcome.comparison {
        case .differs, .news:
            let label = outcome.difference?.label ?? outcome.comparison.rawValue
            line += "  [\(label); imported \(imported(outcome.cell.imported))]"
        case .agreement, .skipped, .error: break
        }
        if !reason.isEmpty { line += "  \(reason)" }
        Console.out(line + "\n")
        self.progress(progress.line)
        if !progressInPlace { endProgress() }
    }

    // MARK: - Summary

    func summary(_ report: BatchReport, files: [String], recordedIn database: String?) {
        let summary = report.summary
        var out = "\n" + (report.cancelled ? "cancelled: " : "summary: ") + summary.headline + "\n"
        let sections: [(BatchComparison, String)] = [
            (.differs, "differ from the document (another environment: not a regression)"),
            (.news, "news (untested in the matrix)"),
            (.error, "errors (the harness broke; the cells keep their status)"),
        ]
        for (comparison, title) in sections {
            let outcomes = summary.outcomes(comparison)
            guard !outcomes.isEmpty else { continue }
            out += "\(title):\n"
            for outcome in outcomes {
                let reason = String(outcome.run.reason.split(separator: "\n", maxSplits: 1).first ?? "").prefix(100)
                let why = outcome.difference.map { " (\($0.detail))" } ?? ""
                out += "  \(outcome.run.status.displayStatus?.symbol ?? "💥") \(outcome.cell.name) — imported "
                    + "\(imported(outcome.cell.imported)), now \(outcome.run.status.rawValue)\(why)\(reason.isEmpty ? "" : ": \(reason)")\n"
            }
        }
        if !summary.notRun.isEmpty { out += "not run (cancelled): \(summary.notRun.count) cells\n" }
        let statuses = LiveRunStatus.allCases.map { "\(summary.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        out += "verdicts: \(statuses)\n"
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let children = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let own = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        out += "time: \(BatchProgress.duration(report.elapsed)) wall, CPU \(String(format: "%.1f", children)) s in the harness "
            + "+ \(String(format: "%.1f", own)) s here; \(report.workersStarted) warm worker(s) started\n"
        Console.out(out)
        if let database { Console.note("recorded \(summary.outcomes.count) runs in \(database)") }
        for file in files { Console.note("wrote \(file)") }
    }

    private func imported(_ status: CellStatus) -> String { glyphs ? status.symbol : status.word }

    // MARK: - Progress line

    private mutating func progress(_ text: String) {
        if progressInPlace {
            Console.err("\r\u{1B}[K", raw: true)
            Console.err(text)
            progressShown = true
        } else {
            Console.err(text + "\n")
        }
    }

    /// Clears an in-place progress line so the next output starts on a clean line.
    mutating func endProgress() {
        guard progressShown else { return }
        Console.err("\r\u{1B}[K", raw: true)
        progressShown = false
    }
}

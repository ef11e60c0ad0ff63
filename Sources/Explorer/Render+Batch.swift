import MatrixCore
import Screen

/// A batch on screen: the progress bar at the top of the live pane (or a line in the status bar
/// while the pane is hidden), the confirmation box and the summary panel.
extension Painter {
    /// `Batch 3/4` for the live pane's title while a batch shows; nil otherwise.
    func batchTitle() -> String? {
        guard let batch = state.batch else { return nil }
        let position = batch.current.map { $0 + 1 } ?? batch.progress.done
        return "Batch \(position)/\(batch.progress.total)"
    }

    /// `[████░░░░] 2/4 · failed 0 · errors 0 · remaining 2 · ETA 8s · 12s`
    mutating func drawBatchProgress(_ batch: BatchState, x: Int, y: Int, maxX: Int) {
        let line = batch.progressLine
        let room = maxX - x - DisplayWidth.of(line) - 3
        let barWidth = max(4, min(30, room))
        var at = buffer.write("[", x: x, y: y, role: .dim, maxX: maxX)
        let bar = batch.bar(width: barWidth, ascii: glyphs.name == "ascii")
        let filled = batch.progress.total == 0 ? barWidth : min(barWidth, batch.progress.done * barWidth / batch.progress.total)
        at = buffer.write(String(bar.prefix(filled)), x: at, y: y, role: batch.progress.errors > 0 ? .uncertain : .passed, maxX: maxX)
        at = buffer.write(String(bar.dropFirst(filled)), x: at, y: y, role: .dim, maxX: maxX)
        at = buffer.write("] ", x: at, y: y, role: .dim, maxX: maxX)
        buffer.write(DisplayWidth.truncate(line, to: max(1, maxX - at)), x: at, y: y,
                     role: batch.progress.failed + batch.progress.errors > 0 ? .uncertain : .normal, maxX: maxX)
    }

    /// The status bar during a batch: its keys while the pane shows; the spinner, the progress and
    /// the current cell's phase while it is hidden. Nil when no batch runs.
    func batchHints() -> String? {
        guard let batch = state.batch, batch.running else { return nil }
        guard let pane = state.livePane, pane.visible else {
            let current = state.livePane.map { "  \($0.shortStatus)" } ?? ""
            return "\(state.livePane.map(spinner) ?? "") batch \(batch.progressLine)\(current)  p:show  x:cancel"
        }
        return "batch · x/Esc:cancel the rest  p:hide  { }:log  s:search  ?:help"
    }

    // MARK: - Boxes

    mutating func drawBatchConfirmation(_ plan: BatchPlan) {
        drawBox(title: "Batch test", lines: [
            (plan.question, .highlight),
            ("\(plan.matrix) · \(plan.scope)", .normal),
            ("Each run is recorded as it finishes; x cancels the rest.", .dim),
        ], width: 64)
    }

    /// The comparison with the imported matrix: counts per group, the row keys of the cells that
    /// differ from the document, the verdict counts.
    mutating func drawBatchSummary() {
        guard let batch = state.batch else { return }
        var lines: [(String, StyleRole)] = batch.summaryLines(maxKeys: max(1, (layout.height - 16) / 2)).map { line in
            (line.text, line.group.map(Self.role(for:)) ?? .header)
        }
        lines.append(("Esc closes · the grid shows the new results (L; ~ differs from the doc)", .dim))
        drawBox(title: batch.cancelled ? "Batch cancelled" : "Batch finished", lines: lines, width: 76)
    }

    static func role(for group: BatchComparison) -> StyleRole {
        switch group {
        case .differs, .error: .failed
        case .agreement: .passed
        case .news: .highlight
        case .skipped: .untested
        }
    }
}

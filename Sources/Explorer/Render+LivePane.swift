import Foundation
import MatrixCore
import Screen

/// The live pane: a title line (the cell, a spinner and the time), the phases with the current
/// one highlighted, the telemetry line, the verdict, the generated text per sequence, the oracle
/// checks and the log's tail. Below the grid, or beside it on wide terminals (``Layout``).
extension Painter {
    static let spinnerFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    static let asciiSpinnerFrames = ["|", "/", "-", "\\"]

    func spinner(_ pane: LivePaneState) -> String {
        let frames = glyphs.name == "ascii" ? Self.asciiSpinnerFrames : Self.spinnerFrames
        return frames[pane.spinner % frames.count]
    }

    mutating func drawLivePane() {
        guard let pane = state.livePane else { return }
        let x = layout.paneX + 2
        let right = layout.paneX + layout.paneWidth - 1
        let width = right - x
        var y = layout.detailTop
        let bottom = layout.detailTop + layout.detailHeight
        drawLiveFrame(pane)
        y += 1
        guard width > 8, y < bottom else { return }
        if let batch = state.batch {
            drawBatchProgress(batch, x: x, y: y, maxX: right)
            y += 1
            guard y < bottom else { return }
        }
        // Below the grid every line counts: hello shares the phases' line and telemetry is cut;
        // beside it, hello has a line of its own and telemetry wraps.
        drawPhases(pane, x: x, y: y, maxX: right, withHello: !layout.paneBeside)
        y += 1
        var head: [(String, StyleRole)] = []
        if layout.paneBeside, let hello = helloText(pane) { head.append((hello, .dim)) }
        let telemetry = pane.telemetryLine ?? "telemetry: waiting for the first sample…"
        head += (layout.paneBeside ? wrap(telemetry, width: width) : [telemetry]).map { ($0, .dim) }
        for (text, role) in head where y < bottom {
            buffer.write(text, x: x, y: y, role: role, maxX: right)
            y += 1
        }
        if !pane.telemetryHistory.isEmpty, y < bottom {
            drawSparklines(pane.telemetryHistory, x: x, y: y, maxX: right)
            y += 1
        }
        var lines: [(String, StyleRole)] = []
        if let verdict = verdictLine(pane) { lines += fit(verdict.0, width: width).map { ($0, verdict.1) } }
        let room = bottom - y - lines.count
        let output = outputLines(pane, width: width)
        let checks = pane.checks.flatMap { check in
            fit("\(check.passed ? "✓" : "✗") \(check.name): \(check.evidence)", width: width)
                .map { ($0, check.passed ? StyleRole.passed : .failed) }
        }
        // Room shared out: checks and text first (what the run is about), the log gets the rest.
        let checkLines = min(checks.count, max(1, room / 4))
        let outputShown = min(output.count, max(1, (room - checkLines) / 2))
        lines += output.suffix(outputShown)
        if checks.count > checkLines { lines.append(("… \(checks.count - checkLines + 1) more check lines", .dim)) }
        lines += checks.suffix(checks.count > checkLines ? checkLines - 1 : checkLines)
        for (text, role) in lines where y < bottom {
            buffer.write(DisplayWidth.truncate(text, to: width), x: x, y: y, role: role, maxX: right)
            y += 1
        }
        if bottom - y > 1 { drawLog(pane, x: x, y: y, bottom: bottom, maxX: right) }
    }

    /// A line as the wrap toggle (`w`) wants it: wrapped at word boundaries, or cut to one line.
    func fit(_ text: String, width: Int) -> [String] {
        state.wrapLines ? wrap(text, width: width) : [DisplayWidth.truncate(text.replacingOccurrences(of: "\n", with: " "), to: width)]
    }

    /// `GPU ▂▅▇██ 97% · mem ▃▃▄▅ 16% · power ▅▆▇▇ 412 W`: the run so far, as btop and nvitop draw it.
    mutating func drawSparklines(_ history: TelemetryHistory, x start: Int, y: Int, maxX: Int) {
        let series: [(String, [Double], Double?, String)] = [
            ("GPU", history.utilization, 100, "%"), ("mem", history.memory, 100, "%"), ("power", history.powerWatts, nil, " W"),
        ].filter { !$0.1.isEmpty }
        let labels = series.map { "\($0.0)  \(LivePaneState.number($0.1.last ?? 0))\($0.3)" }.reduce(0) { $0 + DisplayWidth.of($1) + 3 }
        let sparkWidth = max(4, min(40, (maxX - start - labels) / max(1, series.count)))
        var x = start
        for (index, (name, values, top, unit)) in series.enumerated() {
            if index > 0 { x = buffer.write(" · ", x: x, y: y, role: .dim, maxX: maxX) }
            x = buffer.write(name + " ", x: x, y: y, role: .dim, maxX: maxX)
            x = buffer.write(TelemetryHistory.sparkline(values, width: sparkWidth, top: top, ascii: glyphs.name == "ascii"),
                             x: x, y: y, role: .highlight, maxX: maxX)
            x = buffer.write(" \(LivePaneState.number(values.last ?? 0))\(unit)", x: x, y: y, role: .normal, maxX: maxX)
        }
    }

    /// `── Live · ROW · COLUMN ─── ⠙ 12.3 s ──` (a vertical rule down the left when beside the grid).
    mutating func drawLiveFrame(_ pane: LivePaneState) {
        let y = layout.detailTop
        buffer.fill(x: layout.paneX, y: y, count: layout.paneWidth, role: .paneBorder, character: "─")
        if layout.paneBeside {
            for line in (y + 1)..<(layout.detailTop + layout.detailHeight) {
                buffer.fill(x: layout.paneX, y: line, count: layout.paneWidth, role: .normal)
                buffer.write("│", x: layout.paneX, y: line, role: .paneBorder)
            }
        }
        let clock: String
        if pane.running {
            clock = " \(pane.cancelling ? "cancelling" : spinner(pane)) \(LivePaneState.number(pane.elapsed)) s "
        } else {
            clock = " \(LivePaneState.number(pane.elapsed)) s "
        }
        let clockX = layout.paneX + layout.paneWidth - DisplayWidth.of(clock) - 2
        let backend = pane.target.columnIsBackend ? "" : " on \(pane.target.backend)"   // feature cells: `b` picks it
        let title = " \(batchTitle() ?? "Live") · \(pane.target.row) · \(pane.target.columnTitle)\(backend) "
        buffer.write(DisplayWidth.truncate(title, to: max(4, clockX - layout.paneX - 3)), x: layout.paneX + 2, y: y,
                     role: .paneBorder, bold: true, maxX: clockX - 1)
        buffer.write(clock, x: clockX, y: y, role: pane.running ? .highlight : .paneBorder)
    }

    /// `resolve › load › warmup › generate › validate`: done ones passed, the current one highlighted.
    mutating func drawPhases(_ pane: LivePaneState, x start: Int, y: Int, maxX: Int, withHello: Bool) {
        var x = start
        for (index, phase) in LivePaneState.phases.enumerated() {
            if index > 0 { x = buffer.write(" › ", x: x, y: y, role: .dim, maxX: maxX) }
            let role: StyleRole
            if phase == pane.phase && pane.running { role = .highlight }
            else if pane.phasesSeen.contains(phase) || (phase == pane.phase && pane.verdict?.status != .error) { role = .passed }
            else if phase == pane.phase { role = .failed }
            else { role = .dim }
            x = buffer.write(phase == "warmup" ? "warm-up" : phase, x: x, y: y, role: role,
                             bold: role == .highlight, maxX: maxX)
        }
        if withHello, let hello = helloText(pane) { buffer.write("   " + hello, x: x, y: y, role: .dim, maxX: maxX) }
    }

    /// `pytorch on cpu · torch 2.13.0+cpu · transformers 5.23.0`, once the harness said hello.
    func helloText(_ pane: LivePaneState) -> String? {
        guard let hello = pane.hello else { return nil }
        let device = [hello.backend, hello.device.map { "on \($0)" }, hello.gpu.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        let versions = hello.versions.sorted { $0.key < $1.key }
            .filter { ["torch", "transformers", "vllm"].contains($0.key) }.map { "\($0.key) \($0.value)" }
        return ([device] + versions).filter { !$0.isEmpty }.joined(separator: " · ")
    }

    func verdictLine(_ pane: LivePaneState) -> (String, StyleRole)? {
        guard let run = pane.verdict else {
            return pane.cancelling ? ("cancelling: stopping the harness's process group…", .uncertain) : nil
        }
        let status = run.status.displayStatus
        let symbol = status.map(glyph(for:)) ?? (glyphs.name == "ascii" ? "!" : "💥")
        var text = "\(symbol) \(run.status.rawValue) · \(LivePaneState.number(run.duration)) s"
        let reason = run.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if !reason.isEmpty { text += " · \(reason)" }
        if let id = pane.recordedID { text += " · recorded as run \(id)" }
        if let error = pane.recordError { text += " · not recorded: \(error)" }
        return (text, status.map(Self.role(for:)) ?? .error)
    }

    /// The generated text per sequence, wrapped: `[0] The quick brown fox…`.
    func outputLines(_ pane: LivePaneState, width: Int) -> [(String, StyleRole)] {
        guard !pane.output.isEmpty else {
            let waiting = pane.running ? "no tokens yet" : "no tokens were generated"
            return [(waiting, .dim)]
        }
        var lines: [(String, StyleRole)] = []
        if pane.randomWeights { lines.append(("tiny model with random weights: its text is noise by design", .dim)) }
        for (seq, text) in pane.output.sorted(by: { $0.key < $1.key }) {
            let prefix = "[\(seq)] "
            for (index, piece) in fit(text, width: max(1, width - prefix.count)).enumerated() {
                lines.append(((index == 0 ? prefix : String(repeating: " ", count: prefix.count)) + piece, .normal))
            }
        }
        return lines
    }
}

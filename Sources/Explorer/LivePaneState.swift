import Foundation
import MatrixCore

/// What the live pane shows about the one run the explorer allows at a time: the phases, the
/// generated text per sequence, the log, the latest telemetry, the oracle checks and the verdict.
///
/// A plain value folded from ``LiveEvent``s by the reducer, so every frame of a run can be
/// rebuilt from its events in a test, with no process behind it.
///
/// ```swift
/// var pane = LivePaneState(target: target)
/// pane.apply(.phase("generate")); pane.apply(.token(seq: 0, text: "The"))
/// pane.output[0]   // "The"
/// ```
public struct LivePaneState: Sendable, Hashable {
    /// The harness's phases in the order it runs them (`docs/PROTOCOL.md`).
    public static let phases = ["resolve", "load", "warmup", "generate", "validate"]
    /// Log lines kept (the database keeps the whole log): enough to scroll back through a run.
    public static let logLimit = 2_000

    public var target: LiveTarget
    /// Whether the pane is drawn (`p` hides it while the run goes on).
    public var visible = true
    /// Until the verdict lands.
    public var running: Bool { verdict == nil }
    /// A cancel was asked for; the verdict (an error, "cancelled") is on its way.
    public var cancelling = false
    /// The phase the harness is in, and the ones it started before it.
    public var phase: String?
    public var phasesSeen: [String] = []
    public var hello: LiveHello?
    /// Generated text per sequence, as streamed (control characters made visible).
    public var output: [Int: String] = [:]
    public var tokenEvents = 0
    /// Backend output, harness messages, stderr and set-up progress, oldest first.
    public var log: [String] = []
    /// Lines scrolled back from the end of the log; 0 follows new lines.
    public var logScroll = 0
    public var telemetry: LiveTelemetry?
    /// The first sample's energy counter: energy so far is the latest minus it.
    public var firstEnergyMillijoules: UInt64?
    /// Why there is no telemetry (`no NVIDIA GPU (CPU run)`), when there is none.
    public var telemetryUnavailable: String?
    public var checks: [LiveRunCheck] = []
    public var metrics: [LiveRunMetric] = []
    /// The finished run, once the engine gave its verdict.
    public var verdict: LiveRun?
    /// The database id the run was recorded under, or why it could not be.
    public var recordedID: Int64?
    public var recordError: String?
    /// Seconds since the run was asked for, from the app loop's ticks while it runs.
    public var elapsed: Double = 0
    /// Advances with every tick, to turn the spinner.
    public var spinner = 0

    public init(target: LiveTarget) { self.target = target }

    // MARK: - Folding events

    public mutating func apply(_ event: LiveEvent) {
        switch event {
        case .setup(let line): appendLog("setup: \(line)")
        case .started(let pid): appendLog("[engine] harness started (pid \(pid), its own process group)")
        case .hello(let hello): self.hello = hello
        case .phase(let name):
            if let phase, !phasesSeen.contains(phase) { phasesSeen.append(phase) }
            phase = name
        case .log(let stream, let text): appendLog(stream == "backend" ? text : "[\(stream)] \(text)")
        case .token(let seq, let text):
            output[seq, default: ""] += Self.printable(text, keepNewlines: true)
            tokenEvents += 1
        case .metric(let metric): metrics.append(metric)
        case .check(let check): checks.append(check)
        case .harnessError(let message): appendLog("[error] \(message)")
        case .telemetry(let sample):
            if firstEnergyMillijoules == nil { firstEnergyMillijoules = sample.energyMillijoules }
            telemetry = sample
        case .telemetryUnavailable(let message): telemetryUnavailable = message
        }
    }

    /// The verdict: the pane stops running and shows it (the checks are the recorded ones).
    public mutating func finish(_ run: LiveRun) {
        cancelling = false
        verdict = run
        if checks.isEmpty { checks = run.checks }
        if let phase, !phasesSeen.contains(phase), run.status != .error { phasesSeen.append(phase) }
        elapsed = run.duration
    }

    mutating func appendLog(_ line: String) {
        for piece in line.split(separator: "\n", omittingEmptySubsequences: false) {
            log.append(Self.printable(String(piece), keepNewlines: false))
        }
        if log.count > Self.logLimit { log.removeFirst(log.count - Self.logLimit) }
        if logScroll > 0 { logScroll = min(logScroll + 1, max(0, log.count - 1)) }   // keep the view still
    }

    // MARK: - Derived figures

    /// Energy used so far (or by the finished run), in joules; nil without NVML's counter.
    public var energyJoules: Double? {
        if let energy = verdict?.energy { return energy.joules }
        guard let first = firstEnergyMillijoules, let now = telemetry?.energyMillijoules, now >= first else { return nil }
        return Double(now - first) / 1000
    }

    /// Generated tokens: the harness's count when it reported one, else the streamed events.
    public var generatedTokens: Double? {
        for name in ["generated_tokens", "tokens", "num_tokens", "output_tokens"] {
            if let value = metrics.last(where: { $0.name == name })?.value { return value }
        }
        return tokenEvents > 0 ? Double(tokenEvents) : nil
    }

    public var tokensPerJoule: Double? {
        if let perJoule = verdict?.energy?.tokensPerJoule { return perJoule }
        guard let tokens = generatedTokens, let joules = energyJoules, joules > 0 else { return nil }
        return tokens / joules
    }

    /// `NVIDIA H100 · 12.1/80.0 GiB · 97% · 412 W · 61 °C · 812 J · 0.31 tok/J`, exactly
    /// `no NVIDIA GPU (CPU run)` without NVML, nil before either is known.
    public var telemetryLine: String? {
        if let telemetryUnavailable { return telemetryUnavailable }
        guard let sample = telemetry else { return nil }
        var parts = [sample.gpu]
        if let used = sample.memoryUsedBytes, let total = sample.memoryTotalBytes {
            parts.append("\(Self.gib(used))/\(Self.gib(total)) GiB")
        }
        if let utilization = sample.utilizationPercent { parts.append("\(utilization)%") }
        if let power = sample.powerWatts { parts.append("\(Int(power.rounded())) W") }
        if let temperature = sample.temperatureC { parts.append("\(temperature) °C") }
        if let joules = energyJoules { parts.append("\(Self.number(joules)) J") }
        if let perJoule = tokensPerJoule { parts.append("\(Self.number(perJoule)) tok/J") }
        return parts.joined(separator: " · ")
    }

    /// One line for the status bar while the pane is hidden: `load 12.3 s · num_beams=4 · PyTorch`.
    public var shortStatus: String {
        let what = "\(target.row) · \(target.columnTitle)"
        if let verdict { return "\(verdict.status.rawValue) · \(what)" }
        if cancelling { return "cancelling · \(what)" }
        return "\(phase ?? "starting") \(Self.number(elapsed)) s · \(what)"
    }

    // MARK: - Text

    /// Control characters (a random-weight model emits them) become `�`, so they never move the
    /// terminal's cursor; tabs become a space.
    public static func printable(_ text: String, keepNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines: out.append(scalar)
            case 0x09: out.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func gib(_ bytes: UInt64) -> String {
        let tenths = Int((Double(bytes) / 1_073_741_824 * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `6.2`, `812`, `0.31`: a few significant figures without a needless `.0`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if abs(value) >= 100 { return String(Int(value.rounded())) }
        if value != 0 && abs(value) < 0.1 { return String(format: "%.2g", value) }   // 0.0037 tok/J, not 0
        let digits = abs(value) >= 1 ? 1 : 2
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() }; if text.hasSuffix(".") { text.removeLast() } }
        return text
    }
}

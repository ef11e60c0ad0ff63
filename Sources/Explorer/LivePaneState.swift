import Foundation
import MatrixCore

/// What the live pane shows about the one run the explorer allows at a time: the phases, the
/// generated text per sequence, the log, the latest telemetry, the oracle checks and the verdict.
///
/// The run's updates are folded by its ``RunTranscript`` (the accumulator the engine's recorder
/// uses too); the pane adds only how it is viewed, and renders what the transcript holds. A plain
/// value, so every frame of a run can be rebuilt from its updates in a test, with no process behind it.
///
/// ```swift
/// var pane = LivePaneState(target: target)
/// pane.apply(.event(.phase("generate"))); pane.apply(.event(.token(seq: 0, text: "The")))
/// pane.output[0]   // "The"
/// ```
public struct LivePaneState: Sendable, Hashable {
    /// The harness's phases in the order it runs them (`docs/PROTOCOL.md`).
    public static let phases = ["resolve", "load", "warmup", "generate", "validate"]
    /// Telemetry samples kept for the header's sparklines (older ones are merged pairwise, so
    /// the sparkline always spans the whole run).
    public static let telemetryHistoryLimit = 240

    public var target: LiveTarget
    /// What the run said so far.
    /// The whole log is kept (scrollback and search reach its first line).
    public private(set) var transcript = RunTranscript()
    /// Backend output, harness messages, stderr and set-up progress, oldest first, one line each
    /// (control characters made visible), folded as lines arrive.
    public private(set) var log: [String] = []
    private var foldedLogLines = 0
    /// GPU utilisation, memory and power over the run, for the header's sparklines.
    public private(set) var telemetryHistory = TelemetryHistory()
    /// Whether the pane is drawn (`p` hides it while the run goes on).
    public var visible = true
    /// Until the verdict lands.
    public var running: Bool { verdict == nil }
    /// A cancel was asked for; the verdict (an error, "cancelled") is on its way.
    public var cancelling = false
    /// Lines scrolled back from the end of the log.
    public var logScroll = 0
    /// Whether the log view follows new lines (`F`); off, or scrolled back, it holds still.
    public var follow = true
    /// The log search (`s`), while one is active.
    public var search: LogSearch?
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

    // MARK: - Folding updates

    /// Folds one update in; `.finished` gives the verdict (as ``finish(_:)``).
    public mutating func apply(_ update: RunUpdate) {
        if case .finished(let run) = update { return finish(run) }
        let before = log.count
        transcript.record(update)
        foldLog()
        search?.scan(log, from: before)
        if case .telemetry(let sample) = update { telemetryHistory.append(sample) }
        if !following, log.count != before {          // keep a held or scrolled-back view still
            logScroll = min(logScroll + (log.count - before), max(0, log.count - 1))
        }
    }

    /// Whether new log lines scroll the view: following, and not scrolled back.
    public var following: Bool { follow && logScroll == 0 }

    /// Appends the transcript's new pane lines to ``log``, split at newlines, made printable.
    private mutating func foldLog() {
        let lines = transcript.log
        guard foldedLogLines < lines.count else { return }
        for line in lines[foldedLogLines...] where line.onPane {
            for piece in line.text.split(separator: "\n", omittingEmptySubsequences: false) {
                log.append(Self.printable(String(piece), keepNewlines: false))
            }
        }
        foldedLogLines = lines.count
    }

    /// The verdict: the pane stops running and shows it (the checks are the recorded ones).
    public mutating func finish(_ run: LiveRun) {
        cancelling = false
        verdict = run
        if let phase, !phasesSeen.contains(phase), run.status != .error { finishedPhase = phase }
        elapsed = run.duration
    }

    /// The last phase, counted as done once the run finished without an error.
    private var finishedPhase: String?

    // MARK: - What the transcript holds, as the pane shows it

    /// The phase the harness is in, and the ones it finished before it.
    public var phase: String? { transcript.phase }
    public var phasesSeen: [String] { transcript.phasesSeen + (finishedPhase.map { [$0] } ?? []) }
    public var hello: HarnessHello? { transcript.hello }
    /// Generated text per sequence, as streamed (control characters made visible).
    public var output: [Int: String] { transcript.output.mapValues { Self.printable($0, keepNewlines: true) } }
    public var tokenEvents: Int { transcript.tokenEvents }
    public var telemetry: TelemetrySample? { transcript.telemetry }
    public var telemetryUnavailable: String? { transcript.telemetryUnavailable }
    /// The oracle checks as they came, or the recorded ones once the verdict has them.
    public var checks: [LiveRunCheck] { transcript.checks.isEmpty ? verdict?.checks ?? [] : transcript.checks }
    public var metrics: [LiveRunMetric] { transcript.metrics }

    // MARK: - Derived figures

    /// Whether the run's model has random weights (the harness's tiny offline models), so the
    /// text it streams is noise by design: the recorded model says so; until the verdict, the
    /// explorer's runs use the harness's default tiny random model.
    public var randomWeights: Bool { (verdict?.model ?? "tiny-random-qwen2").contains("random") }

    /// Energy used so far (or by the finished run), in joules; nil without NVML's counter.
    public var energyJoules: Double? { verdict?.energy?.joules ?? transcript.energyJoules }

    /// Generated tokens: the harness's count when it reported one, else the streamed events.
    public var generatedTokens: Double? { transcript.generatedTokens }

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
        var parts = [sample.combined.summary]
        if let joules = energyJoules { parts.append("\(Self.number(joules)) J") }
        if let perJoule = tokensPerJoule { parts.append("\(Self.number(perJoule)) tok/J") }
        if let aboveIdle = verdict?.energy?.aboveIdleSummary { parts.append(aboveIdle) }
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

/// What a live run has said so far, folded from its ``RunUpdate``s: the one accumulator behind
/// both the engine's recorder (which turns it into the recorded ``LiveRun``) and the explorer's
/// live pane (which renders what it holds).
///
/// ```swift
/// var transcript = RunTranscript()
/// transcript.record(.event(.phase("generate")))
/// transcript.record(.event(.token(seq: 0, text: "The")))
/// transcript.output[0]        // "The"
/// transcript.recordedLog      // ["[phase] generate"]
/// ```
public struct RunTranscript: Sendable, Hashable {
    /// Log lines kept, oldest dropped first; nil keeps them all (the recorder does: the database keeps the whole log).
    public var logLimit: Int?
    /// The phase the harness is in, and the ones it started before it.
    public private(set) var phase: String?
    public private(set) var phasesSeen: [String] = []
    public private(set) var hello: HarnessHello?
    /// Generated text per sequence, as streamed.
    public private(set) var output: [Int: String] = [:]
    public private(set) var tokenEvents = 0
    public private(set) var log: [RunLogLine] = []
    public private(set) var checks: [LiveRunCheck] = []
    public private(set) var metrics: [LiveRunMetric] = []
    /// Every `result` line the harness sent (exactly one is the rule); the last one decides.
    public private(set) var results: [HarnessResult] = []
    public var result: HarnessResult? { results.last }
    /// `check` lines that did not decode (they are kept in the log as `stdout` lines).
    public private(set) var malformedChecks = 0
    /// The harness's own failure message, when it sent one.
    public private(set) var harnessError: String?
    /// The latest GPU sample, and the first one's energy counter (energy so far is the latest minus it).
    public private(set) var telemetry: TelemetrySample?
    public private(set) var firstEnergyMillijoules: UInt64?
    /// Why there is no telemetry (`no NVIDIA GPU (CPU run)`), when there is none.
    public private(set) var telemetryUnavailable: String?

    public init(logLimit: Int? = nil) { self.logLimit = logLimit }

    // MARK: - Folding

    public mutating func record(_ update: RunUpdate) {
        switch update {
        case .setup(let line): append("setup: \(line)", inRecord: false)
        case .started(let pid): append("[engine] harness started (pid \(pid), its own process group)", inRecord: false)
        case .event(let event): record(event)
        case .stderr(let line): append("[stderr] \(line)")
        case .telemetry(let sample):
            if firstEnergyMillijoules == nil { firstEnergyMillijoules = sample.combined.energyMillijoules }
            telemetry = sample
        case .telemetryUnavailable(let why): telemetryUnavailable = why.message
        case .finished: break
        }
    }

    public mutating func record(_ event: HarnessEvent) {
        switch event {
        case .hello(let hello): self.hello = hello
        case .phase(let name):
            if let phase, !phasesSeen.contains(phase) { phasesSeen.append(phase) }
            phase = name
            append("[phase] \(name)", onPane: false)      // the pane shows phases on a line of their own
        case .log(let stream, let text):
            if stream == "stdout", HarnessEvent.malformedEventName(in: text) == "check" { malformedChecks += 1 }
            append(stream == "backend" ? text : "[\(stream)] \(text)")
        case .token(let seq, let text):
            output[seq, default: ""] += text
            tokenEvents += 1
        case .metric(let metric): metrics.append(metric)
        case .check(let check): checks.append(check)
        case .result(let result): results.append(result)
        case .error(let message, let traceback):
            harnessError = message
            append("[error] \(message)")
            for line in traceback?.split(separator: "\n", omittingEmptySubsequences: false) ?? [] {
                append(String(line), onPane: false)
            }
        }
    }

    private mutating func append(_ text: String, inRecord: Bool = true, onPane: Bool = true) {
        log.append(RunLogLine(text: text, inRecord: inRecord, onPane: onPane))
        if let logLimit, log.count > logLimit { log.removeFirst(log.count - logLimit) }
    }

    // MARK: - Derived

    /// The log as the run's record keeps it (no set-up progress: a run starts when its harness does).
    /// Bounded by ``LiveRun/bounded(_:limit:)``.
    public var recordedLog: [String] { LiveRun.bounded(log.filter(\.inRecord).map(\.text)) }

    /// The number of generated tokens: the harness's count when it gave one, else the streamed events.
    public var generatedTokens: Double? {
        for name in ["generated_tokens", "tokens", "num_tokens", "output_tokens"] {
            if let value = metrics.last(where: { $0.name == name })?.value { return value }
        }
        return tokenEvents > 0 ? Double(tokenEvents) : nil
    }

    /// Energy used since the first sample, in joules; nil without NVML's counter.
    public var energyJoules: Double? {
        guard let first = firstEnergyMillijoules, let now = telemetry?.combined.energyMillijoules, now >= first else { return nil }
        return Double(now - first) / 1000
    }
}

/// One line of a run's log, and where it shows: the record keeps the phases and tracebacks, the
/// live pane the set-up progress and the engine's own lines.
public struct RunLogLine: Sendable, Hashable {
    public var text: String
    public var inRecord: Bool
    public var onPane: Bool

    public init(text: String, inRecord: Bool = true, onPane: Bool = true) {
        self.text = text
        self.inRecord = inRecord
        self.onPane = onPane
    }
}

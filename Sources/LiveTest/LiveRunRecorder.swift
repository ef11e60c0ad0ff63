import Foundation
import MatrixCore

/// Folds a run's events, stderr and termination into its ``LiveRun``: the one place that decides
/// the verdict, so it is pure and unit-tested. The events themselves are folded by its
/// ``RunTranscript`` (the same accumulator the explorer's live pane holds).
///
/// ```swift
/// var recorder = LiveRunRecorder(request: request, host: "lab-1", startedAt: Date())
/// recorder.record(HarnessEvent(line: line))
/// let run = recorder.finish(.exited(0), endedAt: Date())
/// ```
public struct LiveRunRecorder: Sendable {
    /// Stderr lines kept for the verdict of a crash.
    public static let stderrTailLines = 50

    /// The run's own facts (request, environment, clock); its log, checks and metrics come from ``transcript``.
    private var base: LiveRun
    /// What the run said so far: the accumulator the explorer's live pane uses too.
    public private(set) var transcript = RunTranscript()
    public private(set) var stderrTail = LineTail(capacity: LiveRunRecorder.stderrTailLines)

    public init(request: TestRunRequest, host: String, startedAt: Date) {
        base = LiveRun(request: request, environment: LiveRunEnvironment(host: host),
                       startedAt: startedAt, endedAt: startedAt, status: .error, reason: "running",
                       model: request.model)
    }

    /// The run so far: its facts with the transcript's log, checks and metrics.
    public var run: LiveRun {
        var run = base
        run.log = transcript.recordedLog
        run.checks = transcript.checks
        run.metrics = transcript.metrics
        return run
    }

    // MARK: - Recording

    public mutating func record(_ event: HarnessEvent) {
        transcript.record(event)
        if case .hello(let hello) = event {
            base.environment.device = hello.device
            base.environment.harness = hello.harness
            base.environment.versions.merge(hello.versions) { _, new in new }
            if let cuda = hello.cuda { base.environment.cuda = cuda }
            if let gpu = hello.gpu { base.environment.gpuName = gpu }
            if let node = hello.node {        // a Ray actor's placement: the run's machine is that node
                base.environment.node = [hello.nodeIP, node].compactMap { $0 }.joined(separator: " ")
                if let hostname = hello.hostname { base.environment.host = hostname }
                base.environment.gpuIndex = hello.gpuIDs.isEmpty ? nil : hello.gpuIDs.joined(separator: ",")
            }
        }
    }

    /// Restarts the clock: a run starts when the harness does, not while its environment is prepared.
    public mutating func begin(at date: Date) {
        base.startedAt = date
    }

    public mutating func recordStderr(_ line: String) {
        stderrTail.append(line)
        transcript.record(.stderr(line))
    }

    /// Adds what the engine knows about the machine (host CPU, NVML's GPU and driver).
    public mutating func recordMachine(cpuName: String?, gpuName: String?, driver: String?, cudaDriver: String?) {
        if let cpuName { base.environment.cpuName = cpuName }
        if let gpuName, base.environment.gpuName == nil { base.environment.gpuName = gpuName }
        if let driver { base.environment.driver = driver }
        if base.environment.cuda == nil, let cudaDriver { base.environment.cuda = cudaDriver }
    }

    // MARK: - Verdict

    /// The finished run. With a `result`, ``RunVerdict/decide(results:checks:malformedChecks:exitStatus:)``
    /// decides (the harness proposes; D11); without one the run is an `error` whose reason
    /// says how the harness ended, with its last stderr lines.
    public func finish(_ termination: RunTermination, endedAt: Date, telemetry: TelemetrySummary? = nil) -> LiveRun {
        var run = self.run
        run.endedAt = endedAt
        for (seq, text) in transcript.output.sorted(by: { $0.key < $1.key }) {
            run.log.append("[output \(seq)] \(text)")
        }
        if let energy = telemetry?.energy(tokens: transcript.generatedTokens) { run.energy = energy }
        if let result = transcript.result {
            // The harness proposes; the engine decides (RunVerdict: one result, exit 0, checks).
            var exitStatus: Int32? = nil
            if case .exited(let code) = termination { exitStatus = code }
            let verdict = RunVerdict.decide(results: transcript.results.map { RunVerdict(status: $0.status, reason: $0.reason) },
                                            checks: run.checks, malformedChecks: transcript.malformedChecks,
                                            exitStatus: exitStatus)
            run.status = verdict?.status ?? result.status
            run.reason = verdict?.reason ?? result.reason
            run.parameters = result.parameters
            if let model = result.model { run.model = model }
            return run
        }
        run.status = .error
        run.reason = Self.reason(for: termination, harnessError: transcript.harnessError, phase: transcript.phase, stderr: stderrTail.lines)
        return run
    }

    static func reason(for termination: RunTermination, harnessError: String?, phase: String?, stderr: [String]) -> String {
        var reason: String
        switch termination {
        case .cancelled:
            reason = "cancelled"
        case .timedOut(let seconds):
            reason = "timed out after \(Self.format(seconds)) s"
        case .signaled(let signal):
            reason = "harness killed by signal \(signal)\(Self.signalName(signal).map { " (\($0))" } ?? "")"
        case .exited(2):
            reason = "the harness rejected its arguments (exit status 2)"
        case .exited(let code):
            reason = "harness exited with status \(code) without a result"
        case .failedToStart(let why):
            return why
        }
        if let phase { reason += " during \(phase)" }
        if let harnessError { reason += ": \(harnessError)" }
        if !stderr.isEmpty { reason += "\nlast stderr lines:\n" + stderr.joined(separator: "\n") }
        return reason
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func signalName(_ signal: Int32) -> String? {
        switch signal {
        case 9: "SIGKILL"
        case 15: "SIGTERM"
        case 2: "SIGINT"
        case 6: "SIGABRT"
        case 11: "SIGSEGV"
        case 1: "SIGHUP"
        default: nil
        }
    }
}

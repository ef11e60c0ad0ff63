import Foundation
import MatrixCore

/// Folds a run's events, stderr and termination into its ``LiveRun``: the one place that decides
/// the verdict, so it is pure and unit-tested.
///
/// ```swift
/// var recorder = LiveRunRecorder(request: request, host: "lab-1", startedAt: Date())
/// recorder.record(HarnessEvent(line: line))
/// let run = recorder.finish(.exited(0), endedAt: Date())
/// ```
public struct LiveRunRecorder: Sendable {
    /// Stderr lines kept for the verdict of a crash.
    public static let stderrTailLines = 50

    public private(set) var run: LiveRun
    public private(set) var result: HarnessResult?
    public private(set) var harnessError: String?
    public private(set) var stderrTail = LineTail(capacity: LiveRunRecorder.stderrTailLines)
    /// Generated text per sequence, as streamed.
    public private(set) var output: [Int: String] = [:]
    public private(set) var tokenEvents = 0
    public private(set) var phase: String?

    public init(request: TestRunRequest, host: String, startedAt: Date) {
        run = LiveRun(request: request, environment: LiveRunEnvironment(host: host),
                      startedAt: startedAt, endedAt: startedAt, status: .error, reason: "running",
                      model: request.model)
    }

    // MARK: - Recording

    public mutating func record(_ event: HarnessEvent) {
        switch event {
        case .hello(let hello):
            run.environment.device = hello.device
            run.environment.harness = hello.harness
            run.environment.versions.merge(hello.versions) { _, new in new }
            if let cuda = hello.cuda { run.environment.cuda = cuda }
            if let gpu = hello.gpu { run.environment.gpuName = gpu }
        case .phase(let name):
            phase = name
            run.log.append("[phase] \(name)")
        case .log(let stream, let text):
            run.log.append(stream == "backend" ? text : "[\(stream)] \(text)")
        case .token(let seq, let text):
            output[seq, default: ""] += text
            tokenEvents += 1
        case .metric(let metric):
            run.metrics.append(metric)
        case .check(let check):
            run.checks.append(check)
        case .result(let result):
            self.result = result
        case .error(let message, let traceback):
            harnessError = message
            run.log.append("[error] \(message)")
            if let traceback { run.log.append(contentsOf: traceback.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) }
        }
    }

    /// Restarts the clock: a run starts when the harness does, not while its environment is prepared.
    public mutating func begin(at date: Date) {
        run.startedAt = date
    }

    public mutating func recordStderr(_ line: String) {
        stderrTail.append(line)
        run.log.append("[stderr] \(line)")
    }

    /// Adds what the engine knows about the machine (host CPU, NVML's GPU and driver).
    public mutating func recordMachine(cpuName: String?, gpuName: String?, driver: String?, cudaDriver: String?) {
        if let cpuName { run.environment.cpuName = cpuName }
        if let gpuName, run.environment.gpuName == nil { run.environment.gpuName = gpuName }
        if let driver { run.environment.driver = driver }
        if run.environment.cuda == nil, let cudaDriver { run.environment.cuda = cudaDriver }
    }

    /// The number of generated tokens: the harness's count when it gave one, else the streamed events.
    public var generatedTokens: Double? {
        for name in ["generated_tokens", "tokens", "num_tokens", "output_tokens"] {
            if let value = run.metric(name) { return value }
        }
        return tokenEvents > 0 ? Double(tokenEvents) : nil
    }

    // MARK: - Verdict

    /// The finished run. A `result` event decides; without one the run is an `error` whose reason
    /// says how the harness ended, with its last stderr lines.
    public func finish(_ termination: RunTermination, endedAt: Date, telemetry: TelemetrySummary? = nil) -> LiveRun {
        var run = self.run
        run.endedAt = endedAt
        for (seq, text) in output.sorted(by: { $0.key < $1.key }) {
            run.log.append("[output \(seq)] \(text)")
        }
        if let joules = telemetry?.energyJoules {
            run.energy = LiveRunEnergy(joules: joules, tokensPerJoule: telemetry?.tokensPerJoule(tokens: generatedTokens))
        }
        if let result {
            run.status = result.status
            run.reason = result.reason
            run.parameters = result.parameters
            if let model = result.model { run.model = model }
            return run
        }
        run.status = .error
        run.reason = Self.reason(for: termination, harnessError: harnessError, phase: phase, stderr: stderrTail.lines)
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

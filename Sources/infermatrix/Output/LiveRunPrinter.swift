import Foundation
import LiveTest
import MatrixCore

/// Writes a live run to the terminal as it happens: phases, tokens inline, checks, metrics, a
/// telemetry line every two seconds, and the verdict. Unbuffered, so tokens show as they stream.
///
/// ```swift
/// var printer = LiveRunPrinter(verbose: false)
/// for await update in run.updates { printer.show(update) }
/// ```
struct LiveRunPrinter {
    /// Also print the backend's log and the harness's stderr.
    var verbose: Bool
    private var inText = false
    private var sequence: Int?
    private var lastTelemetry: Double = -10

    init(verbose: Bool) { self.verbose = verbose }

    mutating func show(_ update: RunUpdate) {
        switch update {
        case .setup(let text):
            line(to: .standardError, "setup: \(text)")
        case .started(let pid):
            if verbose { line("harness started (pid \(pid), its own process group)") }
        case .event(let event):
            show(event)
        case .stderr(let text):
            if verbose { line(to: .standardError, "stderr: \(text)") }
        case .telemetry(let sample):
            guard sample.seconds - lastTelemetry >= 2 else { return }
            lastTelemetry = sample.seconds
            line("gpu: " + sample.readings.map(\.summary).joined(separator: " | "))
        case .telemetryUnavailable(let why):
            line("telemetry: \(why.message)")
        case .finished(let run):
            verdict(run)
        }
    }

    private mutating func show(_ event: HarnessEvent) {
        switch event {
        case .hello(let hello):
            let versions = hello.versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            line("harness \(hello.harness ?? "?") · \(hello.backend ?? "?") on \(hello.device ?? "?")"
                 + (hello.gpu.map { " (\($0))" } ?? "") + (versions.isEmpty ? "" : " · \(versions)"))
        case .phase(let name):
            line("▶ \(name)")
        case .log(let stream, let text):
            if verbose || stream == "stdout" { line("  │ \(text)") }
        case .token(let seq, let text):
            if sequence != seq || !inText {
                endText()
                write(seq == 0 ? "  " : "  [\(seq)] ")
                sequence = seq
            }
            write(text.replacingOccurrences(of: "\n", with: "\n  "))
            inText = true
        case .metric(let metric):
            line("  \(metric.name) = \(Self.number(metric.value)) \(metric.unit)")
        case .check(let check):
            line("  \(check.passed ? "✓" : "✗") \(check.name): \(check.evidence)")
        case .result:
            break   // the verdict comes with .finished
        case .error(let message, _):
            line(to: .standardError, "harness error: \(message)")
        }
    }

    private mutating func verdict(_ run: LiveRun) {
        let symbol = run.status.displayStatus?.symbol ?? "💥"
        line("\(symbol) \(run.status.rawValue) (\(Self.number(run.duration)) s): \(run.reason)")
        if let energy = run.energy {
            line("energy: \(Self.number(energy.joules)) J" + (energy.tokensPerJoule.map { " · \(Self.number($0)) tokens/J" } ?? "")
                 + (energy.aboveIdleSummary.map { " · \($0)" } ?? ""))
        }
    }

    // MARK: - Writing

    private mutating func endText() {
        if inText { write("\n") }
        inText = false
    }

    private mutating func line(to handle: FileHandle = .standardOutput, _ text: String) {
        endText()
        if handle === FileHandle.standardOutput { write(text + "\n") } else { Console.err(text + "\n") }
    }

    private func write(_ text: String) {
        Console.out(text)
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        return String(format: abs(value) >= 100 ? "%.0f" : abs(value) >= 1 ? "%.2f" : "%.3f", value)
    }
}

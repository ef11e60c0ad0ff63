import Foundation
import MatrixCore

/// A recorded live run as `show` prints it: one headline (time, verdict, cell, device, host), then
/// the environment, the figures, every check with its evidence, and the reason.
///
/// ```swift
/// print(RunText.describe(run, indent: "  "), terminator: "")
/// // 2026-03-02 14:05:11 UTC  ✅ passed  pytorch  NVIDIA H100 80GB HBM3 (cuda) on gpu-1 …
/// ```
enum RunText {
    static func describe(_ run: LiveRun, indent: String) -> String {
        let environment = run.environment
        let symbol = run.status.displayStatus?.symbol ?? "💥"
        let cell = run.request.column.map { "\($0) via \(run.request.backend)" } ?? run.request.backend
        let device = environment.gpuName ?? environment.cpuName ?? environment.device ?? run.request.device
        var out = indent + "\(RunTimestamp.display(run.startedAt))  \(symbol) \(run.status.rawValue)  \(cell)  "
            + "\(device) (\(environment.device ?? run.request.device)) on \(environment.host)\n"
        let more = indent + "  "
        var versions: [String] = []
        if let driver = environment.driver { versions.append("driver \(driver)") }
        if let cuda = environment.cuda { versions.append("CUDA \(cuda)") }
        for name in ["torch", "transformers"] {
            if let version = environment.versions[name] { versions.append("\(name) \(version)") }
        }
        for (name, version) in environment.versions.sorted(by: { $0.key < $1.key }) where name != "torch" && name != "transformers" {
            versions.append("\(name) \(version)")
        }
        if let harness = environment.harness { versions.append("harness \(harness)") }
        if !versions.isEmpty { out += more + versions.joined(separator: " · ") + "\n" }
        var figures = ["elapsed \(LiveRunPrinter.number(run.duration)) s"]
        if let energy = run.energy {
            figures.append("energy \(LiveRunPrinter.number(energy.joules)) J")
            if let perJoule = energy.tokensPerJoule { figures.append("\(LiveRunPrinter.number(perJoule)) tokens/J") }
            if let aboveIdle = energy.aboveIdleSummary { figures.append(aboveIdle) }
        }
        if let speed = run.metric("tokens_per_s") { figures.append("\(LiveRunPrinter.number(speed)) tok/s") }
        if let model = run.model { figures.append("model \(model)") }
        out += more + figures.joined(separator: " · ") + "\n"
        for check in run.checks {
            out += more + "\(check.passed ? "✓" : "✗") \(check.name): \(check.evidence)\n"
        }
        if !run.reason.isEmpty { out += more + "reason: \(run.reason)\n" }
        return out
    }

    /// The line a cell gets for its live verdict:
    /// `live: ❌ failed in cpu·vllm 0.32 (2026-03-02 14:05:11 UTC, Intel Xeon), differs (CPU build) from the document's ✅ passed`.
    static func verdictLine(_ verdict: LiveVerdict) -> String {
        var line = "live: \(verdict.status.symbol) \(verdict.run.status.rawValue) in \(verdict.environmentName) "
            + "(\(RunTimestamp.display(verdict.run.startedAt)), \(verdict.deviceName))"
        if let history = verdict.history { line += ", a \(history.label)" }
        if let differs = verdict.againstDocument {
            line += ", \(differs.label) from the document's \(verdict.imported.symbol) \(verdict.imported.queryName)"
        }
        return line
    }
}

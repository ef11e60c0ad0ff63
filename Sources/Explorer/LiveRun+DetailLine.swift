import Foundation
import MatrixCore

/// One line per recorded run in the detail pane: when, verdict, where, how long, energy, why.
///
/// ```swift
/// run.detailLine(symbol: "✅")
/// // "2025-11-23 06:12  ✅ passed  cpu (lab-1)  6.2 s  1 check passed"
/// ```
extension LiveRun {
    public func detailLine(symbol: String, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: startedAt)
        let when = String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
        let device = environment.gpuName ?? [environment.device, environment.cpuName ?? "(\(environment.host))"]
            .compactMap { $0 }.joined(separator: " ")
        var parts = [when, "\(symbol) \(status.rawValue)", device, "\(LivePaneState.number(duration)) s"]
        if let energy { parts.append("\(LivePaneState.number(energy.joules)) J") }
        let reason = reason.split(separator: "\n").first.map(String.init) ?? ""
        if !reason.isEmpty { parts.append(reason) }
        return parts.joined(separator: "  ")
    }
}

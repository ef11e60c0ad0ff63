import Foundation

/// This machine as a run's environment names it: host name and CPU model.
///
/// ```swift
/// HostMachine.current.cpuName   // "AMD EPYC 9654 96-Core Processor"
/// ```
public struct HostMachine: Sendable, Hashable {
    public var host: String
    public var cpuName: String?

    public static var current: HostMachine {
        HostMachine(host: ProcessInfo.processInfo.hostName, cpuName: cpuModel())
    }

    /// The first `model name` of `/proc/cpuinfo` (Linux), or `nil`.
    private static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

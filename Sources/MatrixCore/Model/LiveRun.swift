import Foundation

/// One live test of one cell on this machine: what ran, where, when, the verdict and its evidence.
///
/// The engine (`LiveTest`) produces it, the store persists it and the explorer shows it; it is a
/// plain value so the store never imports the engine. Its one JSON form is the runs file's
/// (``RunsFile/encode(_:)``), so it is deliberately not `Codable`.
///
/// ```swift
/// let run = LiveRun(request: request, environment: env, startedAt: start, endedAt: Date(),
///                   status: .passed, reason: "2 checks passed")
/// run.status.cellStatus   // .supported
/// ```
public struct LiveRun: Sendable, Hashable {
    /// The most log text a run keeps, in UTF-8 bytes: a runs file with more is refused naming the
    /// line where it passes the limit, and the recorder drops the middle of a longer live log.
    public static let maximumLogBytes = 4 * 1024 * 1024

    /// The database id once recorded; `nil` before.
    public var id: Int64?
    public var request: TestRunRequest
    public var environment: LiveRunEnvironment
    public var startedAt: Date
    public var endedAt: Date
    public var status: LiveRunStatus
    /// Why: the harness's reason, or the engine's (timeout, signal, cancellation).
    public var reason: String
    /// The parameters the harness actually applied (`result.parameters`).
    public var parameters: [String: LiveRunValue]
    /// The model the harness ran (`result.model`), or the requested one.
    public var model: String?
    public var checks: [LiveRunCheck]
    public var metrics: [LiveRunMetric]
    /// `nil` on a CPU run, or where NVML has no energy counter.
    public var energy: LiveRunEnergy?
    /// The whole log: backend output, harness messages and stderr, in arrival order.
    public var log: [String]

    public init(id: Int64? = nil, request: TestRunRequest, environment: LiveRunEnvironment,
                startedAt: Date, endedAt: Date, status: LiveRunStatus, reason: String,
                parameters: [String: LiveRunValue] = [:], model: String? = nil,
                checks: [LiveRunCheck] = [], metrics: [LiveRunMetric] = [],
                energy: LiveRunEnergy? = nil, log: [String] = []) {
        self.id = id
        self.request = request
        self.environment = environment
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.reason = reason
        self.parameters = parameters
        self.model = model
        self.checks = checks
        self.metrics = metrics
        self.energy = energy
        self.log = log
    }

    /// Seconds from start to end.
    public var duration: Double { endedAt.timeIntervalSince(startedAt) }

    /// The value of a metric by name (`tokens_per_s`), if the harness reported it.
    public func metric(_ name: String) -> Double? {
        metrics.last { $0.name == name }?.value
    }

    /// `log` within ``maximumLogBytes``: its first and last lines, half the budget each, with one
    /// line saying how much of the middle was left out (a harness that prints without end must not
    /// fill the database).
    ///
    /// ```swift
    /// LiveRun.bounded(["a", "b"])   // ["a", "b"]: short logs are kept whole
    /// ```
    public static func bounded(_ log: [String], limit: Int = maximumLogBytes) -> [String] {
        let total = log.reduce(0) { $0 + $1.utf8.count }
        guard total > limit else { return log }
        func take(_ lines: some Sequence<String>) -> [String] {
            var kept: [String] = [], bytes = 0
            for line in lines {
                let cut = line.utf8.count > limit / 2 - bytes ? String(decoding: line.utf8.prefix(max(0, limit / 2 - bytes)), as: UTF8.self) : line
                if cut.isEmpty && bytes > 0 { break }
                kept.append(cut)
                bytes += cut.utf8.count
                if cut != line { break }
            }
            return kept
        }
        let head = take(log)
        let tail = Array(take(log.reversed()).reversed())
        let dropped = log.count - head.count - tail.count
        return head + ["[engine] \(max(dropped, 0)) log lines left out here: a run keeps at most \(limit) bytes of log"] + tail
    }
}

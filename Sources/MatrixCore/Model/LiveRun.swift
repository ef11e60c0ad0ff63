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
}

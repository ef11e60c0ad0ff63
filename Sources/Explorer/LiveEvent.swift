import MatrixCore

/// One thing a live run reports, as the explorer needs it: a pure mirror of the engine's
/// `RunUpdate`, so the `Explorer` module stays free of process code (the executable translates).
///
/// ```swift
/// reduce(state, .liveEvent(.phase("generate")))
/// reduce(state, .liveEvent(.token(seq: 0, text: "The quick")))
/// ```
public enum LiveEvent: Sendable, Hashable {
    /// A line from preparing the harness's Python environment (first run only).
    case setup(String)
    /// The harness process started (its own process group).
    case started(pid: Int32)
    /// The harness's `hello`: who it is and what it runs on.
    case hello(LiveHello)
    case phase(String)
    /// A log line: the backend's output, the harness's messages or its stderr.
    case log(stream: String, text: String)
    case token(seq: Int, text: String)
    case metric(LiveRunMetric)
    case check(LiveRunCheck)
    /// The harness's own failure message (a `result` with status `error` usually follows).
    case harnessError(String)
    case telemetry(LiveTelemetry)
    /// No GPU telemetry for this run: the message to show (`no NVIDIA GPU (CPU run)`).
    case telemetryUnavailable(String)
}

/// The `hello` event's facts the pane shows.
public struct LiveHello: Sendable, Hashable {
    public var harness: String?
    public var backend: String?
    public var device: String?
    public var gpu: String?
    /// `python 3.11.7`, `torch 2.13.0+cpu`, … sorted by library name.
    public var versions: [String]

    public init(harness: String? = nil, backend: String? = nil, device: String? = nil, gpu: String? = nil, versions: [String] = []) {
        self.harness = harness
        self.backend = backend
        self.device = device
        self.gpu = gpu
        self.versions = versions
    }
}

/// One telemetry sample of the first GPU (sums over GPUs for power and energy), as NVML read it.
///
/// ```swift
/// LiveTelemetry(gpu: "NVIDIA H100 80GB HBM3", memoryUsedBytes: 12 << 30, memoryTotalBytes: 80 << 30,
///               utilizationPercent: 97, powerWatts: 412, temperatureC: 61, energyMillijoules: 9_120_000)
/// ```
public struct LiveTelemetry: Sendable, Hashable {
    public var gpu: String
    public var memoryUsedBytes: UInt64?
    public var memoryTotalBytes: UInt64?
    public var utilizationPercent: UInt32?
    public var powerWatts: Double?
    public var temperatureC: UInt32?
    /// NVML's total-energy counter (since the driver loaded); the pane subtracts the first sample's.
    public var energyMillijoules: UInt64?

    public init(gpu: String, memoryUsedBytes: UInt64? = nil, memoryTotalBytes: UInt64? = nil,
                utilizationPercent: UInt32? = nil, powerWatts: Double? = nil, temperatureC: UInt32? = nil,
                energyMillijoules: UInt64? = nil) {
        self.gpu = gpu
        self.memoryUsedBytes = memoryUsedBytes
        self.memoryTotalBytes = memoryTotalBytes
        self.utilizationPercent = utilizationPercent
        self.powerWatts = powerWatts
        self.temperatureC = temperatureC
        self.energyMillijoules = energyMillijoules
    }
}

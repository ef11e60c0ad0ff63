import Explorer
import LiveTest
import MatrixCore

/// The engine's updates as explorer actions: the verdict becomes ``Action/liveFinished(_:)``,
/// everything else ``Action/liveEvent(_:)`` (the harness's `result` line is left out: the
/// verdict carries it, with the engine's own reasons for a crash, a timeout or a cancel).
///
/// ```swift
/// Action(.event(.phase("load")))     // .liveEvent(.phase("load"))
/// Action(.finished(run))             // .liveFinished(run)
/// ```
extension Action {
    /// Nil for the harness's `result` line, which the verdict repeats.
    public init?(_ update: RunUpdate) {
        switch update {
        case .setup(let line): self = .liveEvent(.setup(line))
        case .started(let pid): self = .liveEvent(.started(pid: pid))
        case .event(let event):
            guard let event = LiveEvent(event) else { return nil }
            self = .liveEvent(event)
        case .stderr(let line): self = .liveEvent(.log(stream: "stderr", text: line))
        case .telemetry(let sample): self = .liveEvent(.telemetry(LiveTelemetry(sample)))
        case .telemetryUnavailable(let why): self = .liveEvent(.telemetryUnavailable(why.message))
        case .finished(let run): self = .liveFinished(run)
        }
    }
}

extension LiveEvent {
    /// The pane's view of a harness event; nil for `result` (the verdict comes with `.finished`).
    public init?(_ event: HarnessEvent) {
        switch event {
        case .hello(let hello):
            self = .hello(LiveHello(harness: hello.harness, backend: hello.backend, device: hello.device, gpu: hello.gpu,
                                    versions: hello.versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }))
        case .phase(let name): self = .phase(name)
        case .log(let stream, let text): self = .log(stream: stream, text: text)
        case .token(let seq, let text): self = .token(seq: seq, text: text)
        case .metric(let metric): self = .metric(metric)
        case .check(let check): self = .check(check)
        case .result: return nil
        case .error(let message, _): self = .harnessError(message)
        }
    }
}

extension LiveTelemetry {
    /// The first GPU's name and memory, with power and energy summed over every GPU
    /// (`NVIDIA H100 ×2` when there are several).
    public init(_ sample: TelemetrySample) {
        let first = sample.readings.first
        let name = (first?.name ?? "GPU") + (sample.readings.count > 1 ? " ×\(sample.readings.count)" : "")
        let powers = sample.readings.compactMap(\.powerWatts)
        let energies = sample.readings.compactMap(\.energyMillijoules)
        self.init(gpu: name, memoryUsedBytes: first?.memoryUsedBytes, memoryTotalBytes: first?.memoryTotalBytes,
                  utilizationPercent: first?.utilizationPercent, powerWatts: powers.isEmpty ? nil : powers.reduce(0, +),
                  temperatureC: first?.temperatureC,
                  energyMillijoules: energies.count == sample.readings.count && !energies.isEmpty ? energies.reduce(0, +) : nil)
    }
}

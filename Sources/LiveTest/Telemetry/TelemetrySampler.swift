import Foundation
import MatrixCore
import Synchronization

/// Samples the GPUs while a run goes on (every 400 ms by default, so at least twice a second) and
/// measures the energy the run used from NVML's total-energy counter.
///
/// ```swift
/// let sampler = TelemetrySampler()                      // NVML.open(); unavailable on a CPU machine
/// sampler.start { sample in print(sample.readings.first?.summary ?? "") }
/// let summary = await sampler.stop()                        // summary.energyJoules: end − start
/// ```
public final class TelemetrySampler: Sendable {
    /// `nil` when NVML answered; otherwise why there is no telemetry.
    public let unavailable: TelemetryUnavailable?
    private let nvml: NVML?
    private let interval: Duration
    private let state = Mutex(State())

    private struct State {
        var task: Task<Void, Never>?
        var startedAt: ContinuousClock.Instant?
        var startEnergy: [Int: UInt64] = [:]
        var samples = 0
        var peakPowerWatts: Double?
    }

    // MARK: - Initializers

    /// Opens NVML (``NVML/open(library:)``); no NVML makes a sampler that reports ``unavailable``.
    public convenience init(library: String = NVML.defaultLibrary, interval: Duration = .milliseconds(400)) {
        self.init(nvml: NVML.open(library: library), interval: interval)
    }

    public init(nvml: Result<NVML, TelemetryUnavailable>, interval: Duration = .milliseconds(400)) {
        switch nvml {
        case .success(let nvml):
            self.nvml = nvml
            self.unavailable = nil
        case .failure(let why):
            self.nvml = nil
            self.unavailable = why
        }
        self.interval = interval
    }

    /// The first GPU's name and the driver, for a run's environment.
    public var gpuName: String? { nvml?.reading(index: 0)?.name }
    public var driverVersion: String? { nvml?.driverVersion }
    public var cudaDriverVersion: String? { nvml?.cudaDriverVersion }

    // MARK: - Sampling

    /// Reads the energy counters and starts sampling; `report` gets every sample. Without NVML it
    /// does nothing (the caller shows ``unavailable``).
    public func start(_ report: @escaping @Sendable (TelemetrySample) -> Void) {
        guard let nvml else { return }
        let clock = ContinuousClock()
        let startedAt = clock.now
        let first = nvml.devices()
        let interval = self.interval
        let task = Task { [weak self] in
            while !Task.isCancelled {
                let readings = nvml.devices()
                let sample = TelemetrySample(seconds: (clock.now - startedAt) / .seconds(1), readings: readings)
                self?.note(sample)
                report(sample)
                try? await Task.sleep(for: interval)
            }
        }
        state.withLock { state in
            state.task?.cancel()
            state.task = task
            state.startedAt = startedAt
            state.samples = 0
            state.peakPowerWatts = nil
            state.startEnergy = Dictionary(uniqueKeysWithValues: first.compactMap { reading in
                reading.energyMillijoules.map { (reading.index, $0) }
            })
        }
    }

    /// Stops sampling (no sample is reported after it returns) and returns what the run used.
    /// Energy is the sum over the GPUs whose counter was readable at both ends; `nil` without NVML
    /// or without counters.
    @discardableResult
    public func stop() async -> TelemetrySummary {
        let (task, startEnergy, samples, peak, startedAt) = state.withLock { state in
            defer { state.task = nil }
            return (state.task, state.startEnergy, state.samples, state.peakPowerWatts, state.startedAt)
        }
        task?.cancel()
        await task?.value
        guard let nvml else { return TelemetrySummary(unavailable: unavailable) }
        var joules: Double?
        for reading in nvml.devices() {
            guard let end = reading.energyMillijoules, let start = startEnergy[reading.index], end >= start else { continue }
            joules = (joules ?? 0) + Double(end - start) / 1000
        }
        let seconds = startedAt.map { (ContinuousClock().now - $0) / .seconds(1) } ?? 0
        return TelemetrySummary(energyJoules: joules, samples: samples, seconds: seconds, peakPowerWatts: peak)
    }

    private func note(_ sample: TelemetrySample) {
        let power = sample.readings.compactMap(\.powerWatts).reduce(0, +)
        state.withLock { state in
            state.samples += 1
            if power > (state.peakPowerWatts ?? 0) { state.peakPowerWatts = power }
        }
    }
}

/// What a run used, once sampling stops.
///
/// ```swift
/// summary.tokensPerJoule(tokens: 512)   // 0.63
/// ```
public struct TelemetrySummary: Sendable, Hashable {
    public var energyJoules: Double?
    public var samples: Int
    public var seconds: Double
    public var peakPowerWatts: Double?
    /// Set when there was no NVML at all.
    public var unavailable: TelemetryUnavailable?

    public init(energyJoules: Double? = nil, samples: Int = 0, seconds: Double = 0,
                peakPowerWatts: Double? = nil, unavailable: TelemetryUnavailable? = nil) {
        self.energyJoules = energyJoules
        self.samples = samples
        self.seconds = seconds
        self.peakPowerWatts = peakPowerWatts
        self.unavailable = unavailable
    }

    /// Tokens per joule, or `nil` without an energy figure (or with zero energy).
    public func tokensPerJoule(tokens: Double?) -> Double? {
        guard let tokens, let energyJoules, energyJoules > 0 else { return nil }
        return tokens / energyJoules
    }
}

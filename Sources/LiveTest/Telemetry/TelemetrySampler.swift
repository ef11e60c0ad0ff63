import Foundation
import MatrixCore
import Synchronization

/// Samples the GPUs while a run goes on (every 400 ms by default, so at least twice a second) and
/// measures the energy the run used from NVML's total-energy counter.
///
/// ```swift
/// let sampler = TelemetrySampler()                      // NVML.open(); unavailable on a CPU machine
/// let idle = await sampler.idleWatts()                      // the board before the run, e.g. 73.1 W
/// sampler.start(idleWatts: idle) { sample in print(sample.readings.first?.summary ?? "") }
/// let summary = await sampler.stop()                        // summary.energyJoules: end − start
/// summary.energy(tokens: 512)?.aboveIdleJoules              // what the run itself cost
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
        var idleWatts: Double?
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
    public var gpuName: String? { nvml?.devices().first?.name }
    public var driverVersion: String? { nvml?.driverVersion }
    public var cudaDriverVersion: String? { nvml?.cudaDriverVersion }

    // MARK: - Idle power

    /// The board's power now, summed over the GPUs: the energy counters' increase over `window`
    /// divided by it (the mean of two power readings where a GPU has no counter). Taken just before
    /// a run, it is the baseline that run's energy above idle subtracts. `nil` without NVML.
    public func idleWatts(over window: Duration = .seconds(1)) async -> Double? {
        guard let nvml else { return nil }
        let clock = ContinuousClock()
        let first = nvml.devices()
        let startedAt = clock.now
        try? await Task.sleep(for: window)
        let last = nvml.devices()
        let seconds = (clock.now - startedAt) / .seconds(1)
        var watts: Double?
        for reading in last {
            guard let before = first.first(where: { $0.index == reading.index }) else { continue }
            if let end = reading.energyMillijoules, let start = before.energyMillijoules, end >= start, seconds > 0 {
                watts = (watts ?? 0) + Double(end - start) / 1000 / seconds
            } else if let a = before.powerWatts, let b = reading.powerWatts {
                watts = (watts ?? 0) + (a + b) / 2
            }
        }
        return watts
    }

    // MARK: - Sampling

    /// Reads the energy counters and starts sampling; `report` gets every sample. Without NVML it
    /// does nothing (the caller shows ``unavailable``). `idleWatts` (``idleWatts(over:)``) goes into
    /// the summary, for the energy above idle.
    public func start(idleWatts: Double? = nil, _ report: @escaping @Sendable (TelemetrySample) -> Void) {
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
            state.idleWatts = idleWatts
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
        let (task, startEnergy, samples, peak, startedAt, idle) = state.withLock { state in
            defer { state.task = nil }
            return (state.task, state.startEnergy, state.samples, state.peakPowerWatts, state.startedAt, state.idleWatts)
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
        return TelemetrySummary(energyJoules: joules, samples: samples, seconds: seconds, peakPowerWatts: peak,
                                idleWatts: idle)
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
/// summary.energy(tokens: 512)            // LiveRunEnergy with the figures above idle
/// ```
public struct TelemetrySummary: Sendable, Hashable {
    public var energyJoules: Double?
    public var samples: Int
    public var seconds: Double
    public var peakPowerWatts: Double?
    /// The board's power just before the run (``TelemetrySampler/idleWatts(over:)``).
    public var idleWatts: Double?
    /// Set when there was no NVML at all.
    public var unavailable: TelemetryUnavailable?

    public init(energyJoules: Double? = nil, samples: Int = 0, seconds: Double = 0,
                peakPowerWatts: Double? = nil, idleWatts: Double? = nil, unavailable: TelemetryUnavailable? = nil) {
        self.energyJoules = energyJoules
        self.samples = samples
        self.seconds = seconds
        self.peakPowerWatts = peakPowerWatts
        self.idleWatts = idleWatts
        self.unavailable = unavailable
    }

    /// The run's energy record: board joules, and above idle where the idle power was measured.
    public func energy(tokens: Double?) -> LiveRunEnergy? {
        guard let energyJoules else { return nil }
        return LiveRunEnergy(joules: energyJoules, seconds: seconds, idleWatts: idleWatts, tokens: tokens)
    }

    /// Tokens per joule, or `nil` without an energy figure (or with zero energy).
    public func tokensPerJoule(tokens: Double?) -> Double? {
        guard let tokens, let energyJoules, energyJoules > 0 else { return nil }
        return tokens / energyJoules
    }
}

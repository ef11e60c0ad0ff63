/// All GPUs at one instant of a run.
///
/// ```swift
/// let sample = TelemetrySample(seconds: 0.4, readings: [h100a, h100b])
/// sample.combined.summary   // "NVIDIA H100 ×2 · 12.1/80.0 GiB · 97% · 824 W · 61 °C"
/// ```
public struct TelemetrySample: Sendable, Hashable, Codable {
    /// Seconds since sampling started.
    public var seconds: Double
    public var readings: [GPUReading]

    public init(seconds: Double, readings: [GPUReading]) {
        self.seconds = seconds
        self.readings = readings
    }

    /// The first GPU's name and memory, with power and energy summed over every GPU (`NVIDIA H100 ×2`
    /// when there are several); energy only when every GPU has the counter.
    public var combined: GPUReading {
        let first = readings.first
        var combined = GPUReading(index: 0, name: (first?.name ?? "GPU") + (readings.count > 1 ? " ×\(readings.count)" : ""))
        combined.memoryUsedBytes = first?.memoryUsedBytes
        combined.memoryTotalBytes = first?.memoryTotalBytes
        combined.utilizationPercent = first?.utilizationPercent
        combined.temperatureC = first?.temperatureC
        let powers = readings.compactMap(\.powerWatts)
        combined.powerWatts = powers.isEmpty ? nil : powers.reduce(0, +)
        let energies = readings.compactMap(\.energyMillijoules)
        combined.energyMillijoules = energies.count == readings.count && !energies.isEmpty ? energies.reduce(0, +) : nil
        return combined
    }
}

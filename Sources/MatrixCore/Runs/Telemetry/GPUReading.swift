/// One device's figures at one instant, as NVML reports them.
///
/// ```swift
/// let r = GPUReading(index: 0, name: "NVIDIA H100 80GB HBM3")
/// r.summary   // "NVIDIA H100 80GB HBM3"
/// ```
public struct GPUReading: Sendable, Hashable, Codable {
    public var index: Int
    public var name: String
    public var memoryUsedBytes: UInt64?
    public var memoryTotalBytes: UInt64?
    /// Percent of time a kernel ran over the last sample period.
    public var utilizationPercent: UInt32?
    public var memoryUtilizationPercent: UInt32?
    public var powerWatts: Double?
    public var temperatureC: UInt32?
    /// NVML's total-energy counter since the driver loaded (Volta and later).
    public var energyMillijoules: UInt64?

    public init(index: Int, name: String, memoryUsedBytes: UInt64? = nil, memoryTotalBytes: UInt64? = nil,
                utilizationPercent: UInt32? = nil, memoryUtilizationPercent: UInt32? = nil, powerWatts: Double? = nil,
                temperatureC: UInt32? = nil, energyMillijoules: UInt64? = nil) {
        self.index = index
        self.name = name
        self.memoryUsedBytes = memoryUsedBytes
        self.memoryTotalBytes = memoryTotalBytes
        self.utilizationPercent = utilizationPercent
        self.memoryUtilizationPercent = memoryUtilizationPercent
        self.powerWatts = powerWatts
        self.temperatureC = temperatureC
        self.energyMillijoules = energyMillijoules
    }

    /// One line for a status bar: `H100 · 12.1/80.0 GiB · 97% · 412 W · 61 °C`.
    public var summary: String {
        var parts = [name]
        if let used = memoryUsedBytes, let total = memoryTotalBytes {
            parts.append("\(Self.gib(used))/\(Self.gib(total)) GiB")
        }
        if let utilizationPercent { parts.append("\(utilizationPercent)%") }
        if let powerWatts { parts.append("\(Int(powerWatts.rounded())) W") }
        if let temperatureC { parts.append("\(temperatureC) °C") }
        return parts.joined(separator: " · ")
    }

    private static func gib(_ bytes: UInt64) -> String {
        let tenths = Int((Double(bytes) / 1_073_741_824 * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

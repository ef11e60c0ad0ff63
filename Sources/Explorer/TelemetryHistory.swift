import MatrixCore

/// GPU utilisation, memory and power over a whole run, at most
/// ``LivePaneState/telemetryHistoryLimit`` points: when full, neighbouring points are averaged
/// pairwise, so the sparklines always span the run from its first sample.
///
/// ```swift
/// var history = TelemetryHistory(); history.append(sample)
/// history.utilization   // [97.0], percent
/// ```
public struct TelemetryHistory: Sendable, Hashable {
    public private(set) var utilization: [Double] = []
    /// Memory used, as a percentage of the total.
    public private(set) var memory: [Double] = []
    public private(set) var powerWatts: [Double] = []
    /// Samples folded into each point (doubles each time the history is halved).
    public private(set) var samplesPerPoint = 1
    private var pending: [Point] = []

    private struct Point: Sendable, Hashable { var utilization, memory, power: Double? }

    public init() {}

    public var isEmpty: Bool { utilization.isEmpty && memory.isEmpty && powerWatts.isEmpty }

    public mutating func append(_ sample: TelemetrySample) {
        let reading = sample.combined
        let memory: Double? = reading.memoryUsedBytes.flatMap { used in
            reading.memoryTotalBytes.flatMap { $0 > 0 ? Double(used) / Double($0) * 100 : nil }
        }
        pending.append(Point(utilization: reading.utilizationPercent.map(Double.init), memory: memory, power: reading.powerWatts))
        guard pending.count >= samplesPerPoint else { return }
        utilization += Self.mean(pending.compactMap(\.utilization))
        self.memory += Self.mean(pending.compactMap(\.memory))
        powerWatts += Self.mean(pending.compactMap(\.power))
        pending = []
        if max(utilization.count, self.memory.count, powerWatts.count) > LivePaneState.telemetryHistoryLimit { halve() }
    }

    private mutating func halve() {
        utilization = Self.pairs(utilization)
        memory = Self.pairs(memory)
        powerWatts = Self.pairs(powerWatts)
        samplesPerPoint *= 2
    }

    /// `values` averaged into `count` equal spans (unchanged when they fit).
    static func resampled(_ values: [Double], to count: Int) -> [Double] {
        guard values.count > count else { return values }
        return (0..<count).map { index in
            let span = values[(index * values.count / count)..<max(index * values.count / count + 1, (index + 1) * values.count / count)]
            return span.reduce(0, +) / Double(span.count)
        }
    }

    private static func mean(_ values: [Double]) -> [Double] {
        values.isEmpty ? [] : [values.reduce(0, +) / Double(values.count)]
    }

    private static func pairs(_ values: [Double]) -> [Double] {
        stride(from: 0, to: values.count, by: 2).map { index in
            index + 1 < values.count ? (values[index] + values[index + 1]) / 2 : values[index]
        }
    }

    // MARK: - Drawing

    /// The whole series in at most `width` characters of `▁▂▃▄▅▆▇█`, between 0 and `top` (the
    /// highest point when nil): `▂▅▇██▇`. More points than characters are averaged in equal spans.
    public static func sparkline(_ values: [Double], width: Int, top: Double? = nil, ascii: Bool = false) -> String {
        let shown = resampled(values, to: max(0, width))
        guard let highest = top ?? shown.max(), highest > 0 else { return String(repeating: ascii ? "_" : "▁", count: shown.count) }
        let levels: [Character] = ascii ? Array("_.-=*#") : Array("▁▂▃▄▅▆▇█")
        return String(shown.map { value in
            let fraction = min(1, max(0, value / highest))
            return levels[min(levels.count - 1, Int((fraction * Double(levels.count - 1)).rounded()))]
        })
    }
}

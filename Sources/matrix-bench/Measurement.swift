import Foundation

/// Wall-clock timing and peak memory, as the benchmark prints them.
///
/// ```swift
/// let (seconds, value) = Measurement.time { try store.loadGrid("params") }
/// Measurement.peakRSSMegabytes()   // 41.2
/// ```
enum Measurement {
    static func time<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, value)
    }

    /// Wall-clock and this thread's CPU time of `body`. On a loaded machine (other builds on the
    /// same two cores) the CPU time shows what the work costs when it is not waiting for a core.
    static func timeWithCPU<T>(_ body: () throws -> T) rethrows -> (seconds: Double, cpu: Double, value: T) {
        var before = timespec(), after = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &before)
        let (seconds, value) = try time(body)
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &after)
        let cpu = Double(after.tv_sec - before.tv_sec) + Double(after.tv_nsec - before.tv_nsec) / 1e9
        return (seconds, cpu, value)
    }

    /// Peak resident set size of this process (`getrusage`, `ru_maxrss` is in KiB on Linux).
    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// The `p`-th percentile (0…100) of `samples`, in milliseconds.
    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, Int((p / 100) * Double(sorted.count - 1) + 0.5))
        return sorted[index] * 1000
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
}

import ArgumentParser
import Foundation
import LiveTest

/// `infermatrix telemetry [--seconds N]`: prints NVML's GPU readings twice a second, with the
/// energy used over the interval; no database involved. For checking telemetry on a GPU machine.
///
/// ```sh
/// infermatrix telemetry --seconds 5
/// ```
struct TelemetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telemetry",
        abstract: "Print GPU telemetry (NVML) for a few seconds, as a live test would sample it.")

    @Option(name: .long, help: "How long to sample.")
    var seconds: Double = 3

    @Option(name: .long, help: "The NVML library to load.")
    var library: String = NVML.defaultLibrary

    func run() async throws {
        let sampler = TelemetrySampler(library: library)
        if let unavailable = sampler.unavailable {
            Console.out("telemetry: \(unavailable.message) (\(unavailable.detail))" + "\n")
            return
        }
        Console.out("driver \(sampler.driverVersion ?? "?") · CUDA \(sampler.cudaDriverVersion ?? "?")" + "\n")
        sampler.start { sample in
            let line = String(format: "%6.2f s  ", sample.seconds) + sample.readings.map {
                "[\($0.index)] \($0.summary)" + ($0.energyMillijoules.map { " · counter \($0) mJ" } ?? "")
            }.joined(separator: "  ")
            Console.out(line + "\n")
        }
        try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
        let summary = await sampler.stop()
        Console.out("\(summary.samples) samples in \(String(format: "%.2f", summary.seconds)) s · energy "
              + (summary.energyJoules.map { String(format: "%.1f J", $0) } ?? "n/a")
              + (summary.peakPowerWatts.map { String(format: " · peak %.0f W", $0) } ?? "") + "\n")
    }
}

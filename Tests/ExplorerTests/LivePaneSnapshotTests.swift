import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// The live pane's frames, compared with the committed files in `Snapshots/`: below the grid at
/// 80×24, beside it at 160×48; mid-run (CPU and GPU telemetry) and after the verdict.
@Suite("Snapshots: the live pane")
struct LivePaneSnapshotTests {
    /// A run in the generate phase: hello, phases, text in two sequences, a check, a log line.
    static func running(width: Int, height: Int, gpu: Bool) -> ExplorerState {
        var state = LiveFixtures.state(width: width, height: height)
        _ = state.apply(.liveTest)
        var events = LiveFixtures.events.filter { if case .event(.check) = $0 { false } else { true } }
        events.removeAll { $0 == .event(.phase("validate")) }
        if gpu {
            events.removeAll { if case .telemetryUnavailable = $0 { true } else { false } }
            for (index, energy) in [UInt64(5_000_000), 5_812_500].enumerated() {
                let reading = GPUReading(index: 0, name: "NVIDIA H100 80GB HBM3", memoryUsedBytes: 13_001_000_000,
                                         memoryTotalBytes: 85_520_000_000, utilizationPercent: 90 + UInt32(index),
                                         powerWatts: 412, temperatureC: 61, energyMillijoules: energy)
                events.append(.telemetry(TelemetrySample(seconds: Double(index), readings: [reading])))
            }
        }
        for event in events { _ = state.apply(.liveEvent(event)) }
        for tick in 1...3 { _ = state.apply(.liveTick(elapsed: 12.0 + Double(tick) / 10)) }
        return state
    }

    /// The same run finished, recorded as run 1, the cell showing its live marker.
    static func finished(width: Int, height: Int) -> ExplorerState {
        let source = InMemoryDataSource(matrices: [ExplorerFixtures.params, ExplorerFixtures.features])
        var state = LiveFixtures.state(width: width, height: height, source: source)
        LiveFixtures.perform(&state, [.liveTest] + LiveFixtures.events.map(Action.liveEvent)
                             + [.liveFinished(LiveFixtures.run(.passed))], source: source)
        return state
    }

    @Test("mid-run: phases with the current one highlighted, streamed text, telemetry, log", arguments: [(80, 24), (160, 48)])
    func runningFrames(size: (Int, Int)) {
        let (width, height) = size
        let state = Self.running(width: width, height: height, gpu: width > 100)
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "live-running-dark-\(width)x\(height)")
    }

    @Test("finished: the verdict, the checks, recorded as run 1, the live marker in the grid", arguments: [(80, 24), (160, 48)])
    func finishedFrames(size: (Int, Int)) {
        let (width, height) = size
        let state = Self.finished(width: width, height: height)
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "live-finished-dark-\(width)x\(height)")
    }
}

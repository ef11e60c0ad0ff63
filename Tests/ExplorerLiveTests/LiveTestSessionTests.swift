import Explorer
import ExplorerLive
import Foundation
import LiveTest
import MatrixCore
import Testing

@Suite("LiveTestSession: the engine's updates as explorer actions", .serialized)
struct LiveTestSessionTests {
    @Test("updates translate: events to liveEvent, the harness's result line dropped, the verdict to liveFinished")
    func translation() {
        #expect(Action(.event(.phase("load"))) == .liveEvent(.event(.phase("load"))))
        #expect(Action(.stderr("oops")) == .liveEvent(.stderr("oops")))
        #expect(Action(.event(.result(HarnessResult(status: .passed, reason: "ok")))) == nil)
        #expect(Action(.telemetryUnavailable(.noGPU(detail: "no lib"))) == .liveEvent(.telemetryUnavailable(.noGPU(detail: "no lib"))))
        var a = GPUReading(index: 0, name: "NVIDIA H100")
        a.powerWatts = 100; a.energyMillijoules = 5_000; a.memoryUsedBytes = 1; a.memoryTotalBytes = 2
        var b = GPUReading(index: 1, name: "NVIDIA H100")
        b.powerWatts = 50; b.energyMillijoules = 1_000
        let telemetry = TelemetrySample(seconds: 1, readings: [a, b]).combined
        #expect(telemetry == GPUReading(index: 0, name: "NVIDIA H100 ×2", memoryUsedBytes: 1, memoryTotalBytes: 2, powerWatts: 150, energyMillijoules: 6_000))
    }

    @Test("a real run cancelled after hello ends as a cancelled error, with the hello delivered first")
    func cancelledSession() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        // The harness's Python as the program finds it; fails (never skips) when missing.
        let python = try #require(try HarnessEnvironment.locate(root: root)?.python,
                                  "prepare the harness first: scripts/setup-harness.sh (or set INFERMATRIX_PYTHON)")
        var variables = ProcessInfo.processInfo.environment
        variables[HarnessEnvironment.rootVariable] = root
        variables[HarnessEnvironment.pythonVariable] = python
        // The harness hangs when the row starts (after hello), so the cancel always lands mid-run,
        // however late a loaded machine lets this loop notice the hello.
        variables["INFERMATRIX_HARNESS_HOOK"] = "hang:decoder.beam_search.num_beams=4"
        let runner = TestRunner(variables: variables, makeSampler: { TelemetrySampler(library: "/nonexistent/libnvidia-ml.so.1") })
        let target = LiveTarget(matrix: "params", row: "decoder.beam_search.num_beams=4", column: "pytorch",
                                columnTitle: "PyTorch", backend: "pytorch", columnIsBackend: true)
        let session = LiveTestSession(target: target, request: TestRunRequest(matrix: "params", row: target.row,
                                                                             backend: "pytorch", device: "cpu", timeout: 120),
                                      runner: runner)
        var actions: [Action] = []
        let deadline = Date().addingTimeInterval(120)
        while !actions.contains(where: { if case .liveEvent(.event(.hello)) = $0 { true } else { false } }) && Date() < deadline {
            actions += session.drain()
            // Sleep without holding a thread: the session's feeding task needs the cooperative
            // pool, which a blocking wait would starve on a 2-core machine running suites in parallel.
            try await Task.sleep(for: .milliseconds(10))
        }
        session.cancel()
        let cancelDeadline = ContinuousClock.now + .seconds(5)
        while !session.isFinished && ContinuousClock.now < cancelDeadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(session.isFinished)
        actions += session.drain()
        guard case .liveFinished(let run)? = actions.last else { Issue.record("the verdict is not last: \(actions.suffix(3))"); return }
        #expect(run.status == .error)
        #expect(run.reason.hasPrefix("cancelled"), "\(run.reason)")
        #expect(actions.contains { if case .liveEvent(.telemetryUnavailable(let why)) = $0 { why.message == "no NVIDIA GPU (CPU run)" } else { false } })
    }
}

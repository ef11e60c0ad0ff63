import Testing
@testable import LiveTest

@Suite("GPU telemetry without a GPU")
struct TelemetryTests {
    @Test("a missing NVML library is 'no NVIDIA GPU (CPU run)', never an error")
    func missingLibrary() {
        let result = NVML.open(library: "/nonexistent/libnvidia-ml.so.1")
        guard case .failure(let why) = result else { Issue.record("opened a missing library"); return }
        #expect(why.message == "no NVIDIA GPU (CPU run)")
        #expect(why.detail.contains("cannot load"))
    }

    @Test("a library without NVML's entry points is unavailable too")
    func wrongLibrary() {
        guard case .failure(let why) = NVML.open(library: "libc.so.6") else { Issue.record("libc is not NVML"); return }
        #expect(why.message == "no NVIDIA GPU (CPU run)")
    }

    @Test("a sampler without NVML reports unavailable and measures no energy")
    func samplerWithoutNVML() async {
        let sampler = TelemetrySampler(library: "/nonexistent/libnvidia-ml.so.1")
        #expect(sampler.unavailable?.message == "no NVIDIA GPU (CPU run)")
        sampler.start { _ in Issue.record("no samples without NVML") }
        let summary = await sampler.stop()
        #expect(summary.energyJoules == nil)
        #expect(summary.tokensPerJoule(tokens: 100) == nil)
        #expect(summary.unavailable != nil)
    }

    @Test("a run's energy record subtracts the idle power measured before it")
    func energyAboveIdle() {
        let summary = TelemetrySummary(energyJoules: 1000, seconds: 4, idleWatts: 75)
        #expect(summary.energy(tokens: 140)?.aboveIdleJoules == 700)
        #expect(summary.energy(tokens: 140)?.tokensPerJouleAboveIdle == 0.2)
        #expect(TelemetrySummary(energyJoules: nil, seconds: 4, idleWatts: 75).energy(tokens: 1) == nil)
        #expect(TelemetrySummary(energyJoules: 10, seconds: 4).energy(tokens: 1)?.idleWatts == nil)
    }

    @Test("without NVML there is no idle power, and the baseline measures nothing")
    func idleWithoutNVML() async {
        let sampler = TelemetrySampler(library: "/nonexistent/libnvidia-ml.so.1")
        #expect(await sampler.idleWatts(over: .milliseconds(10)) == nil)
        let baseline = IdleBaseline()
        #expect(await baseline.enter(sampler) == nil)
        baseline.leave()
    }

    @Test("CUDA_VISIBLE_DEVICES confines the measured GPUs; UUIDs or nothing mean every GPU")
    func visibleGPUs() {
        #expect(NVML.visibleIndices("1") == [1])
        #expect(NVML.visibleIndices("0, 1") == [0, 1])
        #expect(NVML.visibleIndices(nil) == nil)
        #expect(NVML.visibleIndices("") == nil)
        #expect(NVML.visibleIndices("GPU-8a2c1f3e") == nil)
    }

    @Test("tokens per joule divides tokens by energy")
    func tokensPerJoule() {
        #expect(TelemetrySummary(energyJoules: 200).tokensPerJoule(tokens: 50) == 0.25)
        #expect(TelemetrySummary(energyJoules: 0).tokensPerJoule(tokens: 50) == nil)
    }
}

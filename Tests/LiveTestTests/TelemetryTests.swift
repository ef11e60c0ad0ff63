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

    @Test("tokens per joule divides tokens by energy")
    func tokensPerJoule() {
        #expect(TelemetrySummary(energyJoules: 200).tokensPerJoule(tokens: 50) == 0.25)
        #expect(TelemetrySummary(energyJoules: 0).tokensPerJoule(tokens: 50) == nil)
    }
}

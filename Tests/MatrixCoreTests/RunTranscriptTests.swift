import MatrixCore
import Testing

@Suite("Run transcript: one fold of a run's updates for the recorder and the pane")
struct RunTranscriptTests {
    static let updates: [RunUpdate] = [
        .setup("creating venv"),
        .started(pid: 7),
        .event(.phase("load")),
        .event(.log(stream: "backend", text: "loading")),
        .event(.log(stream: "harness", text: "seed 0")),
        .event(.phase("generate")),
        .event(.token(seq: 0, text: "a")), .event(.token(seq: 1, text: "b")), .event(.token(seq: 0, text: "c")),
        .stderr("warning: slow"),
        .event(.error(message: "boom", traceback: "Traceback\n  line 1")),
    ]

    @Test("the record keeps phases and tracebacks, not set-up; the pane's lines are the others")
    func logViews() {
        var transcript = RunTranscript()
        Self.updates.forEach { transcript.record($0) }
        #expect(transcript.recordedLog == ["[phase] load", "loading", "[harness] seed 0", "[phase] generate",
                                           "[stderr] warning: slow", "[error] boom", "Traceback", "  line 1"])
        #expect(transcript.log.filter(\.onPane).map(\.text) == ["setup: creating venv", "[engine] harness started (pid 7, its own process group)",
                                                                "loading", "[harness] seed 0", "[stderr] warning: slow", "[error] boom"])
        #expect(transcript.output == [0: "ac", 1: "b"])
        #expect(transcript.phase == "generate" && transcript.phasesSeen == ["load"])
        #expect(transcript.harnessError == "boom")
    }

    @Test("generated tokens: the harness's count wins over the streamed events")
    func generatedTokens() {
        var transcript = RunTranscript()
        #expect(transcript.generatedTokens == nil)
        transcript.record(.event(.token(seq: 0, text: "x")))
        #expect(transcript.generatedTokens == 1)
        transcript.record(.event(.metric(LiveRunMetric(name: "generated_tokens", value: 32, unit: "tok"))))
        #expect(transcript.generatedTokens == 32)
    }

    @Test("every result is kept (the last decides); a check line that does not decode is counted and logged")
    func resultsAndMalformedChecks() {
        var transcript = RunTranscript()
        for line in [#"{"event":"check","name":"a","passed":"yes"}"#, #"{"event":"check","name":"b","passed":true}"#,
                     #"{"event":"result","status":"failed","reason":"one"}"#, #"{"event":"result","status":"passed","reason":"two"}"#,
                     #"{"event":"phase"}"#] {
            transcript.record(HarnessEvent(line: line))
        }
        #expect(transcript.malformedChecks == 1, "a malformed phase is not a check")
        #expect(transcript.checks.map(\.name) == ["b"])
        #expect(transcript.results.map(\.reason) == ["one", "two"] && transcript.result?.reason == "two")
        #expect(transcript.recordedLog == [#"[stdout] {"event":"check","name":"a","passed":"yes"}"#, #"[stdout] {"event":"phase"}"#])
    }

    @Test("a log limit drops the oldest lines")
    func limit() {
        var transcript = RunTranscript(logLimit: 3)
        for index in 0..<5 { transcript.record(.event(.log(stream: "backend", text: "\(index)"))) }
        #expect(transcript.log.map(\.text) == ["2", "3", "4"])
    }

    @Test("energy so far is the latest counter minus the first sample's, over every GPU")
    func energy() {
        var transcript = RunTranscript()
        let sample = { (mj: UInt64) in
            TelemetrySample(seconds: 0, readings: [GPUReading(index: 0, name: "H100", energyMillijoules: mj),
                                                   GPUReading(index: 1, name: "H100", energyMillijoules: mj)])
        }
        transcript.record(.telemetry(sample(1_000)))
        transcript.record(.telemetry(sample(3_000)))
        #expect(transcript.energyJoules == 4)
        #expect(transcript.telemetry?.combined.name == "H100 ×2")
    }
}

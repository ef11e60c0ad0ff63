import Foundation
import MatrixCore
import Testing
@testable import LiveTest

@Suite("Verdicts")
struct LiveRunRecorderTests {
    let request = TestRunRequest(matrix: "params", row: "decoder.beam_search.num_beams=4", backend: "pytorch")
    let start = Date(timeIntervalSince1970: 1_000)

    @Test("live statuses map onto cell statuses; an error changes nothing")
    func cellStatusMapping() {
        #expect(LiveRunStatus.passed.cellStatus == .supported)
        #expect(LiveRunStatus.failed.cellStatus == .unsupported)
        #expect(LiveRunStatus.uncertain.cellStatus == .uncertain)
        #expect(LiveRunStatus.skipped.cellStatus == nil)
        #expect(LiveRunStatus.error.cellStatus == nil)
    }

    @Test("a result event decides, with the environment, checks and metrics of the run")
    func resultDecides() {
        var recorder = LiveRunRecorder(request: request, host: "lab", startedAt: start)
        for line in [
            #"{"event":"hello","t":0,"protocol":1,"harness":"0.1","backend":"pytorch","versions":{"torch":"2.13.0+cpu"},"device":"cpu","cuda":null,"gpu":null}"#,
            #"{"event":"token","t":1,"seq":0,"text":"a"}"#, #"{"event":"token","t":1,"seq":0,"text":"b"}"#,
            #"{"event":"metric","t":1,"name":"tokens_per_s","value":10,"unit":"tok/s"}"#,
            #"{"event":"check","t":1,"name":"beam_score","passed":true,"evidence":"-1.2 >= -1.5","kind":"effect"}"#,
            #"{"event":"result","t":2,"status":"passed","reason":"1 check passed","elapsed_s":2,"parameters":{"num_beams":4},"model":"tiny"}"#,
        ] { recorder.record(HarnessEvent(line: line)) }
        let run = recorder.finish(.exited(0), endedAt: start.addingTimeInterval(2),
                                  telemetry: TelemetrySummary(energyJoules: 4))
        #expect(run.status == .passed)
        #expect(run.reason == "1 check passed")
        #expect(run.environment.versions["torch"] == "2.13.0+cpu")
        #expect(run.environment.device == "cpu")
        #expect(run.checks.count == 1)
        #expect(run.metric("tokens_per_s") == 10)
        #expect(run.model == "tiny")
        #expect(run.parameters["num_beams"] == .number(4))
        #expect(run.energy == LiveRunEnergy(joules: 4, tokensPerJoule: 0.5))
        #expect(run.log.contains("[output 0] ab"))
        #expect(run.duration == 2)
    }

    @Test("a Ray actor's hello records the node, its host name and the GPU ids; a local hello none")
    func rayPlacement() {
        var recorder = LiveRunRecorder(request: request, host: "laptop", startedAt: start)
        recorder.record(HarnessEvent(line: #"{"event":"hello","t":0,"protocol":1,"versions":{},"device":"cuda","gpu":"NVIDIA H200","id":"r1","node":"18b31c62ab","node_ip":"10.0.0.7","hostname":"gpu-7","gpu_ids":["1"],"actor":"actor-2"}"#))
        let run = recorder.finish(.exited(0), endedAt: start)
        #expect(run.environment.node == "10.0.0.7 18b31c62ab")
        #expect(run.environment.host == "gpu-7")
        #expect(run.environment.gpuIndex == "1")
        #expect(run.environment.gpuName == "NVIDIA H200")

        var local = LiveRunRecorder(request: request, host: "laptop", startedAt: start)
        local.record(HarnessEvent(line: #"{"event":"hello","t":0,"protocol":1,"versions":{},"device":"cpu"}"#))
        let plain = local.finish(.exited(0), endedAt: start)
        #expect(plain.environment.node == nil && plain.environment.gpuIndex == nil && plain.environment.host == "laptop")
    }

    @Test("no result: the way the harness ended is the reason, with its last stderr lines")
    func noResult() {
        var recorder = LiveRunRecorder(request: request, host: "lab", startedAt: start)
        recorder.record(.phase("generate"))
        for index in 0..<60 { recorder.recordStderr("line \(index)") }
        let killed = recorder.finish(.signaled(9), endedAt: start)
        #expect(killed.status == .error)
        #expect(killed.reason.hasPrefix("harness killed by signal 9 (SIGKILL) during generate"))
        #expect(killed.reason.contains("line 59"))
        #expect(killed.reason.contains("line 10"))
        #expect(!killed.reason.contains("line 9\n"))
        #expect(recorder.finish(.timedOut(seconds: 600), endedAt: start).reason.hasPrefix("timed out after 600 s"))
        #expect(recorder.finish(.cancelled, endedAt: start).reason.hasPrefix("cancelled"))
        #expect(recorder.finish(.exited(1), endedAt: start).reason.hasPrefix("harness exited with status 1 without a result"))
        #expect(recorder.finish(.failedToStart("no python3"), endedAt: start).reason == "no python3")
    }

    @Test("a harness error event is part of the reason")
    func harnessError() {
        var recorder = LiveRunRecorder(request: request, host: "lab", startedAt: start)
        recorder.record(.error(message: "CUDA out of memory", traceback: "Traceback…"))
        let run = recorder.finish(.exited(1), endedAt: start)
        #expect(run.reason.contains("CUDA out of memory"))
        #expect(run.log.contains("Traceback…"))
    }

    @Test("the stderr tail keeps the last lines in order")
    func lineTail() {
        var tail = LineTail(capacity: 3)
        for line in ["a", "b", "c", "d", "e"] { tail.append(line) }
        #expect(tail.lines == ["c", "d", "e"])
    }
}

// MARK: - The engine decides (D11)

extension LiveRunRecorderTests {
    /// The run of `lines` (events) ended as `termination`.
    func decided(_ lines: [String], _ termination: RunTermination = .exited(0)) -> LiveRun {
        var recorder = LiveRunRecorder(request: request, host: "lab", startedAt: start)
        for line in lines { recorder.record(HarnessEvent(line: line)) }
        return recorder.finish(termination, endedAt: start.addingTimeInterval(1))
    }

    static let effect = #"{"event":"check","name":"beam differs","passed":true,"evidence":"2 of 4 differ","kind":"effect"}"#
    static let failedEvidence = #"{"event":"check","name":"config says 4","passed":false,"evidence":"1","kind":"evidence"}"#
    static let passed = #"{"event":"result","status":"passed","reason":"ok"}"#

    @Test("D11: a harness 'passed' after a failed check is failed")
    func passedAfterFailedCheck() {
        let run = decided([Self.effect, Self.failedEvidence, Self.passed])
        #expect(run.status == .failed)
        #expect(run.reason == "check failed: config says 4")
    }

    @Test("D11: 'passed' with no checks, with only evidence, or with an unreadable check is uncertain")
    func passedWithoutProof() {
        #expect(decided([Self.passed]).status == .uncertain)
        #expect(decided([Self.passed]).reason.contains("the harness said passed, but no check ran"))
        let evidence = #"{"event":"check","name":"config says 4","passed":true,"evidence":"4","kind":"evidence"}"#
        #expect(decided([evidence, Self.passed]).reason == "the harness said passed, but no check observed the parameter's effect")
        let malformed = #"{"event":"check","name":"x","evidence":"no passed field"}"#
        #expect(decided([Self.effect, malformed, Self.passed]).status == .uncertain)
    }

    @Test("D11: two results, or a non-zero exit after the result, are errors")
    func misbehavingHarness() {
        let two = decided([Self.effect, #"{"event":"result","status":"failed","reason":"x"}"#, Self.passed])
        #expect(two.status == .error && two.reason.hasPrefix("the harness sent 2 results"))
        let crashed = decided([Self.effect, Self.passed], .exited(1))
        #expect(crashed.status == .error && crashed.reason.hasPrefix("the harness exited with status 1 after its result"))
        #expect(decided([Self.effect, Self.passed]).status == .passed)
    }
}

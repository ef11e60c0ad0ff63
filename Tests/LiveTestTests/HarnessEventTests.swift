import MatrixCore
import Testing
@testable import LiveTest

@Suite("Harness events (docs/PROTOCOL.md)")
struct HarnessEventTests {
    @Test("reads every event type of protocol 1")
    func readsEveryEvent() {
        let hello = HarnessEvent(line: #"{"event":"hello","t":0,"protocol":1,"harness":"0.1.0","backend":"pytorch","versions":{"python":"3.11.7","torch":"2.13.0+cpu","vllm":null},"device":"cpu","cuda":null,"gpu":null}"#)
        #expect(hello == .hello(HarnessHello(protocol: 1, harness: "0.1.0", backend: "pytorch",
                                             versions: ["python": "3.11.7", "torch": "2.13.0+cpu"], device: "cpu")))
        #expect(HarnessEvent(line: #"{"event":"phase","t":0.5,"name":"generate"}"#) == .phase("generate"))
        #expect(HarnessEvent(line: #"{"event":"log","t":1,"stream":"backend","text":"loading"}"#) == .log(stream: "backend", text: "loading"))
        #expect(HarnessEvent(line: #"{"event":"token","t":1,"seq":2,"text":" world"}"#) == .token(seq: 2, text: " world"))
        #expect(HarnessEvent(line: #"{"event":"metric","t":1,"name":"tokens_per_s","value":41.5,"unit":"tok/s"}"#)
                == .metric(LiveRunMetric(name: "tokens_per_s", value: 41.5, unit: "tok/s")))
        #expect(HarnessEvent(line: #"{"event":"check","t":1,"name":"greedy","passed":false,"evidence":"differs at 3"}"#)
                == .check(LiveRunCheck(name: "greedy", passed: false, evidence: "differs at 3")))
        #expect(HarnessEvent(line: #"{"event":"check","t":1,"name":"beams","passed":true,"evidence":"","kind":"effect"}"#)
                == .check(LiveRunCheck(name: "beams", passed: true, evidence: "", kind: .effect)))
        #expect(HarnessEvent(line: #"{"event":"check","t":1,"name":"echo","passed":true,"evidence":"","kind":"evidence"}"#)
                == .check(LiveRunCheck(name: "echo", passed: true, evidence: "", kind: .evidence)))
        #expect(HarnessEvent(line: #"{"event":"error","t":1,"message":"boom","traceback":null}"#) == .error(message: "boom", traceback: nil))
    }

    @Test("reads a result with its applied parameters")
    func readsResult() {
        let event = HarnessEvent(line: #"{"event":"result","t":3.2,"status":"failed","reason":"TypeError: float8","elapsed_s":3.1,"parameters":{"fp_precision":"float8","num_beams":4,"nested":{"a":[1,true]}},"model":"tiny-qwen2"}"#)
        guard case .result(let result) = event else { Issue.record("not a result: \(event)"); return }
        #expect(result.status == .failed)
        #expect(result.reason == "TypeError: float8")
        #expect(result.elapsed == 3.1)
        #expect(result.model == "tiny-qwen2")
        #expect(result.parameters["num_beams"] == .number(4))
        #expect(result.parameters["nested"]?.description == #"{"a":[1,true]}"#)
    }

    @Test("a malformed line becomes a log line and never throws", arguments: [
        "Traceback (most recent call last):",
        #"{"event":"token","t":1"#,
        #"{"event":"metric","name":"x","value":"not a number"}"#,
        #"{"event":"result","status":"exploded"}"#,
        #"{"event":"telepathy","t":0}"#,
        #"[1,2,3]"#,
        "",
    ])
    func malformedLine(line: String) {
        #expect(HarnessEvent(line: line) == .log(stream: "stdout", text: line))
    }

    @Test("unknown fields are ignored")
    func unknownFields() {
        #expect(HarnessEvent(line: #"{"event":"phase","t":0,"name":"load","id":"r1","extra":[1]}"#) == .phase("load"))
        #expect(HarnessEvent.requestID(in: #"{"event":"phase","t":0,"name":"load","id":"r1"}"#) == "r1")
    }
}

import Testing
@testable import MatrixCore

@Suite("Result JSON import")
struct ImportTestResultsTests {
    func results() throws -> TestResults {
        try TestResultsJSON.parse(try ImportFixtures.fixture("test_results_vllm.json"), path: "test_results_vllm.json")
    }

    @Test("skips the baseline and keys rows as param=value, Python-style")
    func keys() throws {
        let results = try results()
        #expect(results.backend == "vllm")
        #expect(results.runID == "run-42")
        #expect(results.rows.map(\.key) == [
            "vllm.block_size=8", "vllm.enforce_eager=True", "vllm.swap_space=2.0", "vllm.logprobs",
            "fp_precision=float32", "vllm.kv_cache_dtype=fp8", "vllm.new_flag",
        ])
        #expect(results.rows.first?.section == "vLLM-specific")
        #expect(results.rows.first { $0.key == "fp_precision=float32" }?.section == "Core Settings")
    }

    @Test("VERIFIED passes, other validations are uncertain, failures keep the whole error")
    func statuses() throws {
        let rows = Dictionary(uniqueKeysWithValues: try results().rows.map { ($0.key, $0.cells["vllm"]!) })
        #expect(rows["vllm.block_size=8"]?.status == .supported)
        #expect(rows["vllm.block_size=8"]?.literal == "✅")
        #expect(rows["vllm.enforce_eager=True"]?.status == .uncertain)
        #expect(rows["vllm.enforce_eager=True"]?.literal == "⚠️")
        #expect(rows["vllm.logprobs"]?.status == .uncertain)
        let failed = try #require(rows["fp_precision=float32"])
        #expect(failed.status == .unsupported)
        #expect(failed.literal == "❌")
        #expect(failed.note?.count == 300)
        #expect(failed.note?.hasPrefix("Error: CUDA out of memory") == true)
        #expect(rows["vllm.new_flag"]?.note == "ValueError: unknown flag")
        let skipped = try #require(rows["vllm.kv_cache_dtype=fp8"])
        #expect(skipped.status == .untested)
        #expect(skipped.literal == "skipped")
        #expect(skipped.note == "FP8 KV cache needs a Hopper GPU")
    }

    @Test("the backend comes from the file name when the field is null")
    func backendFromName() throws {
        let json = #"{"backend": null, "results": [{"parameter_varied": "x", "parameter_value": 1, "status": "passed"}]}"#
        #expect(try TestResultsJSON.parse(Array(json.utf8), path: "out/test_results_tensorrt.json").backend == "tensorrt")
        #expect(throws: ImportError(file: "r.json", field: "backend",
                                    message: "missing, and the file name is not test_results_<backend>.json")) {
            try TestResultsJSON.parse(Array(json.utf8), path: "r.json")
        }
    }

    @Test("wrong shapes and types name the field")
    func badShapes() {
        #expect(throws: ImportError(file: "test_results_vllm.json", message: "expected an object with a \"results\" array")) {
            try TestResultsJSON.parse(Array(#"[1, 2]"#.utf8), path: "test_results_vllm.json")
        }
        #expect(throws: ImportError(file: "test_results_vllm.json", message: "expected an object with a \"results\" array")) {
            try TestResultsJSON.parse(Array(#"{"results": {}}"#.utf8), path: "test_results_vllm.json")
        }
        let badStatus = #"{"results": [{"parameter_varied": "a", "status": "passed"}, {"parameter_varied": "b", "status": "passed"}, {"parameter_varied": "c", "status": "passed"}, {"parameter_varied": "d", "status": 3}]}"#
        #expect(throws: ImportError(file: "test_results_vllm.json", field: "results[3].status", message: "expected a string")) {
            try TestResultsJSON.parse(Array(badStatus.utf8), path: "test_results_vllm.json")
        }
        let error = #expect(throws: ImportError.self) { try TestResultsJSON.parse(Array(#"{"results": [}"#.utf8), path: "test_results_vllm.json") }
        #expect(error?.message.hasPrefix("not JSON: ") == true)
    }

    @Test("numbers keep the text they were written with")
    func rawNumbers() throws {
        let value = try JSONValue.parse(Array(#"{"a": 2.0, "b": 16, "c": -1e-3, "d": "é\u00e9"}"#.utf8))
        #expect(value["a"] == .number("2.0"))
        #expect(value["b"] == .number("16"))
        #expect(value["c"] == .number("-1e-3"))
        #expect(value["d"] == .string("éé"))
        #expect(TestResultsJSON.pythonText(.bool(false)) == "False")
    }
}

import Foundation
import Testing
@testable import MatrixCore

/// The batch engine's pure parts: which cells a selection tests, how a verdict compares with the
/// matrix, progress, and the result files (the tool's JSON must round-trip through our importer).
@Suite("Batch runs")
struct BatchTests {
    static let start = Date(timeIntervalSince1970: 1_770_000_000)

    static func run(_ row: String, _ status: LiveRunStatus, reason: String = "", column: String? = nil,
                    matrix: String = "params", checks: [LiveRunCheck] = [], log: [String] = [],
                    parameters: [String: LiveRunValue] = ["row": .string("x")]) -> LiveRun {
        LiveRun(request: TestRunRequest(matrix: matrix, row: row, column: column, backend: "pytorch", device: "cpu"),
                environment: LiveRunEnvironment(host: "lab", device: "cpu"), startedAt: start,
                endedAt: start.addingTimeInterval(1.25), status: status, reason: reason, parameters: parameters,
                model: "tiny", checks: checks, log: log)
    }

    static func params() -> MatrixGrid {
        let columns = [Column(key: "pytorch", title: "PyTorch"), Column(key: "vllm", title: "vLLM")]
        let rows = [
            Row(key: "streaming=True", cells: ["pytorch": Cell(status: .supported), "vllm": Cell(status: .unsupported)]),
            Row(key: "fp_precision=float8", cells: ["pytorch": Cell(status: .unsupported)]),
            Row(key: "vllm.block_size=8", cells: ["vllm": Cell(status: .unsupported)]),
        ]
        return MatrixGrid(Matrix(name: "params", title: "Params", kind: .parameters, columns: columns, rows: rows))
    }

    // MARK: - Cells

    @Test("a params selection tests each selected row in the backend's column, whatever columns it selected")
    func paramsCells() throws {
        let grid = Self.params()
        let selection = grid.select(try Query.parse("backend:vllm status:failed"))
        let cells = BatchCell.cells(grid: grid, selection: selection, backend: "pytorch", device: "cpu", timeout: 9)
        #expect(cells.map(\.request.row) == ["streaming=True", "vllm.block_size=8"])
        #expect(cells.map(\.imported) == [.supported, .untested])
        #expect(cells.allSatisfy { $0.request.column == nil && $0.request.backend == "pytorch" && $0.request.timeout == 9 })
        let tensorrt = BatchCell.cells(grid: grid, selection: grid.select(try Query.parse("")), backend: "tensorrt")
        #expect(tensorrt.count == 3 && tensorrt.allSatisfy { $0.imported == .untested })
    }

    @Test("a feature selection tests each selected architecture × feature column")
    func featureCells() throws {
        let columns = [Column(key: "kv-cache-reuse", title: "KV Cache Reuse"), Column(key: "cuda-graph", title: "CUDA Graph")]
        let rows = [Row(key: "LlamaForCausalLM", cells: ["kv-cache-reuse": Cell(status: .supported)]),
                    Row(key: "Qwen3ForCausalLM", cells: ["cuda-graph": Cell(status: .unsupported)])]
        let grid = MatrixGrid(Matrix(name: "features", title: "F", kind: .features, columns: columns, rows: rows))
        let cells = BatchCell.cells(grid: grid, selection: grid.select(try Query.parse("")), backend: "pytorch")
        #expect(cells.map(\.name) == ["LlamaForCausalLM × kv-cache-reuse", "LlamaForCausalLM × cuda-graph",
                                      "Qwen3ForCausalLM × kv-cache-reuse", "Qwen3ForCausalLM × cuda-graph"])
        #expect(cells.map(\.imported) == [.supported, .untested, .untested, .unsupported])
        #expect(cells[1].request.columnKey == "cuda-graph")
        // The same selection rules as `list`: feature:X keeps X's column and the rows it selects.
        let selection = grid.select(try Query.parse("feature:cuda-graph"))
        let one = BatchCell.cells(grid: grid, selection: selection, backend: "pytorch")
        #expect(one.map(\.name) == selection.rows.map { "\(grid.rowKeys[$0]) × cuda-graph" })
        #expect(!one.isEmpty)
    }

    // MARK: - Comparison and summary

    @Test("against the document a batch differs (never a regression), agrees, is news, skipped or broke")
    func comparisons() {
        #expect(BatchComparison(imported: .supported, live: .failed) == .differs)
        #expect(BatchComparison(imported: .uncertain, live: .failed) == .differs)
        #expect(BatchComparison(imported: .unsupported, live: .passed) == .differs)
        #expect(BatchComparison(imported: .unsupported, live: .uncertain) == .differs)
        #expect(BatchComparison(imported: .supported, live: .uncertain) == .differs)
        #expect(BatchComparison(imported: .supported, live: .passed) == .agreement)
        #expect(BatchComparison(imported: .unsupported, live: .failed) == .agreement)
        #expect(BatchComparison(imported: .untested, live: .failed) == .news)
        #expect(BatchComparison(imported: .notApplicable, live: .passed) == .news)
        #expect(BatchComparison(imported: .supported, live: .skipped) == .skipped)
        #expect(BatchComparison(imported: .supported, live: .error) == .error)
    }

    @Test("the summary counts each comparison and names the cells not run")
    func summary() {
        let cell = { (row: String, imported: CellStatus) in
            BatchCell(request: TestRunRequest(matrix: "params", row: row, backend: "pytorch"), imported: imported)
        }
        let outcomes = [
            BatchOutcome(cell: cell("a", .supported), run: Self.run("a", .failed)),
            BatchOutcome(cell: cell("b", .supported), run: Self.run("b", .failed)),
            BatchOutcome(cell: cell("c", .unsupported), run: Self.run("c", .passed)),
            BatchOutcome(cell: cell("d", .untested), run: Self.run("d", .passed)),
            BatchOutcome(cell: cell("e", .supported), run: Self.run("e", .error)),
        ]
        let summary = BatchSummary(outcomes: outcomes, notRun: [cell("f", .supported)])
        #expect(summary.outcomes(.differs).map(\.cell.request.row) == ["a", "b", "c"])
        #expect(summary.count(.news) == 1 && summary.count(.agreement) == 0)
        #expect(summary.count(LiveRunStatus.error) == 1)
        #expect(summary.headline == "5 tested: 3 differ, 0 agreements, 1 news, 0 skipped, 1 error, 1 not run")
    }

    @Test("progress: done, failed, remaining and an ETA from the mean pace")
    func progress() {
        var progress = BatchProgress(total: 10)
        #expect(progress.etaSeconds == nil)
        progress.record(.passed, elapsed: 10)
        progress.record(.failed, elapsed: 20)
        progress.record(.error, elapsed: 30)
        #expect(progress.done == 3 && progress.failed == 1 && progress.errors == 1 && progress.remaining == 7)
        #expect(progress.etaSeconds == 70)
        #expect(progress.line == "[3/10] done 3 · failed 1 · errors 1 · remaining 7 · ETA 1m10s · elapsed 30s")
        #expect(BatchProgress.duration(3725) == "1h02m")
    }

    // MARK: - Result files

    @Test("the tool's results file round-trips through our importer: same keys, same statuses")
    func resultsRoundTrip() throws {
        let runs = [
            Self.run("decoder.beam_search.num_beams=4", .passed, reason: "1 checks passed",
                     checks: [LiveRunCheck(name: "beam ≥ greedy", passed: true, evidence: "-6 ≥ -7")]),
            Self.run("decoder.beam_search.length_penalty=1.0", .uncertain, reason: "cannot tell"),
            Self.run("decoder.temperature=0.7", .passed),
            Self.run("streaming", .passed),
            Self.run("decoder.do_sample=False", .passed),
            Self.run("fp_precision=float8", .failed, reason: "AttributeError: module 'torch' has no attribute 'float8'",
                     log: ["[harness] Traceback (most recent call last):\n  File x\nAttributeError: float8", "[stderr] boom",
                           "[backend] UserWarning: something (a.py:1)"]),
            Self.run("vllm.block_size=8", .skipped, reason: "parameter of the vLLM backend; not applicable to pytorch"),
            Self.run("batching.batch_size=4", .error, reason: "harness exited with status 3 without a result"),
            Self.run("LlamaForCausalLM", .passed, column: "kv-cache-reuse", matrix: "features"),
        ]
        let document = TestResultsDocument(backend: "pytorch", runID: "b1", timestamp: "2026-03-01T10:00:00Z", runs: runs)
        let text = document.text
        let parsed = try TestResultsJSON.parse(Array(text.utf8), path: "somewhere/results.json")
        #expect(parsed.backend == "pytorch")
        #expect(parsed.runID == "b1")
        #expect(parsed.timestamp == "2026-03-01T10:00:00Z")
        let statuses = Dictionary(uniqueKeysWithValues: parsed.rows.map { ($0.key, $0.cells["pytorch"]!.status) })
        #expect(statuses == [
            "decoder.beam_search.num_beams=4": .supported, "decoder.beam_search.length_penalty=1.0": .uncertain,
            "decoder.temperature=0.7": .supported, "streaming": .supported, "decoder.do_sample=False": .supported,
            "fp_precision=float8": .unsupported, "vllm.block_size=8": .untested,
        ])
        let failed = try #require(parsed.rows.first { $0.key == "fp_precision=float8" })
        #expect(failed.cells["pytorch"]?.note == "AttributeError: module 'torch' has no attribute 'float8'")

        // Typed values and the fields of the format.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let results = try #require(json["results"] as? [[String: Any]])
        let values = Dictionary(uniqueKeysWithValues: results.map { ($0["parameter_varied"] as! String, $0["parameter_value"]!) })
        #expect(values["decoder.beam_search.num_beams"] as? Int == 4)
        #expect(values["decoder.temperature"] as? Double == 0.7)
        #expect(values["decoder.do_sample"] as? Bool == false)
        #expect(values["fp_precision"] as? String == "float8")
        #expect(values["streaming"] is NSNull)
        #expect(text.contains(#""parameter_value": 1.0"#))
        #expect(json["summary"] as? [String: Int] == ["total": 7, "passed": 4 + 1, "verified": 4, "unverified": 1,
                                                      "failed": 1, "skipped": 1, "errors": 1])
        let float8 = try #require(results.first { $0["parameter_value"] as? String == "float8" })
        #expect(float8["status"] as? String == "failed")
        #expect(float8["exit_code"] as? Int == 0)
        #expect((float8["traceback"] as? String)?.hasPrefix("Traceback (most recent call last)") == true)
        #expect(float8["stderr"] as? String == "boom")
        #expect(float8["warnings"] as? [String] == ["[backend] UserWarning: something (a.py:1)"])
        #expect(json["warnings_by_type"] as? [String: Int] == ["UserWarning": 1])
        let beam = try #require(results.first { $0["parameter_value"] as? Int == 4 })
        let validation = try #require(beam["validation"] as? [String: Any])
        #expect(validation["validation_status"] as? String == "VERIFIED")
        #expect(validation["param_applied"] as? Bool == true)
        #expect(validation["param_evidence"] as? String == "✓ beam ≥ greedy: -6 ≥ -7")
        #expect(beam["elapsed_seconds"] as? Double == 1.25)
        #expect(beam["error_summary"] is NSNull)
        let errors = try #require(json["errors"] as? [[String: String]])
        #expect(errors == [["row": "batching.batch_size=4", "reason": "harness exited with status 3 without a result"]])
        #expect((json["failed_tests"] as? [Any])?.count == 2)
    }

    @Test("JUnit XML: one suite, a testcase per cell, failure/error/skipped with escaped messages; uncertain is no pass")
    func junit() throws {
        let cell = { (row: String) in BatchCell(request: TestRunRequest(matrix: "params", row: row, backend: "pytorch"), imported: .supported) }
        let outcomes = [
            BatchOutcome(cell: cell("a"), run: Self.run("a", .passed)),
            BatchOutcome(cell: cell("b"), run: Self.run("b", .failed, reason: "x < y & \"z\"\nsecond line")),
            BatchOutcome(cell: cell("c"), run: Self.run("c", .skipped, reason: "not installed")),
            BatchOutcome(cell: cell("d"), run: Self.run("d", .error, reason: "timed out after 3 s")),
            BatchOutcome(cell: cell("e"), run: Self.run("e", .uncertain, reason: "cannot tell")),
        ]
        let xml = JUnitReport(backend: "pytorch", timestamp: "2026-03-01T10:00:00Z", outcomes: outcomes).xml
        // uncertain: no check observed the parameter act, so CI must not count it as a passing test
        #expect(xml.contains(#"<testsuite name="pytorch" tests="5" failures="1" errors="1" skipped="2" time="6.250""#))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 5)
        #expect(xml.contains(#"<failure message="x &lt; y &amp; &quot;z&quot;" type="failed">x &lt; y &amp; "z""#))
        #expect(xml.contains(#"<skipped message="not installed"/>"#))
        #expect(xml.contains(#"<error message="timed out after 3 s" type="error">"#))
        #expect(xml.contains(#"<skipped message="uncertain: cannot tell"/>"#))
        #expect(xml.contains("<system-out>uncertain: cannot tell"))
        #expect(xml.contains(#"classname="params.pytorch" name="a" time="1.250""#))
    }
}

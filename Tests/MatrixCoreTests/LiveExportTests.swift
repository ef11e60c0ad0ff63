import Foundation
import Testing
@testable import MatrixCore

/// Exports carry live verdicts beside the imported statuses, and are unchanged without any.
@Suite("Live verdicts in exports")
struct LiveExportTests {
    static func run(_ row: String, _ backend: String, _ status: LiveRunStatus, at seconds: Double, reason: String) -> LiveRun {
        LiveRun(request: TestRunRequest(matrix: "params", row: row, backend: backend, device: "cuda"),
                environment: LiveRunEnvironment(host: "gpu-1", device: "cuda", gpuName: "NVIDIA H100 80GB HBM3"),
                startedAt: Date(timeIntervalSince1970: seconds), endedAt: Date(timeIntervalSince1970: seconds + 5),
                status: status, reason: reason)
    }

    /// `a=1,2` is ❌ on vLLM (imported); a later live run passes it, an error run after that changes nothing.
    static let runs = [
        run("a=1,2", "vllm", .failed, at: 100, reason: "still broken"),
        run("a=1,2", "vllm", .passed, at: 200, reason: "2 checks passed"),
        run("a=1,2", "vllm", .error, at: 300, reason: "crashed"),
        run("a=1,2", "tensorrt", .uncertain, at: 100, reason: "no oracle"),
        run("missing=row", "vllm", .failed, at: 100, reason: "not in the matrix"),
    ]

    static var live: LiveVerdicts { LiveVerdicts(runs: runs, matrix: ExportFormatsTests.sample) }

    @Test("the latest decisive verdict per cell wins, errors and unknown rows are left out, differences are labelled")
    func verdicts() throws {
        let live = Self.live
        let vllm = try #require(live["a=1,2", "vllm"])
        #expect(vllm.status == .supported)
        #expect(vllm.againstDocument?.label == "differs (document vs live)")
        #expect(vllm.history?.change == .fix)   // the earlier failure ran in the same environment
        #expect(vllm.label == "fix")
        #expect(vllm.environmentName == "h100·vllm")
        let tensorrt = try #require(live["a=1,2", "tensorrt"])
        #expect(tensorrt.imported == .untested)
        #expect(tensorrt.againstDocument == nil)
        #expect(live["missing=row", "vllm"] == nil)
        #expect(live.restricted(toRows: nil, columns: ["tensorrt"])["a=1,2", "vllm"] == nil)
        #expect(live.restricted(toRows: ["other"], columns: nil).isEmpty)
    }

    @Test("CSV gains one live column per status column and Live notes, only when there are verdicts")
    func csv() {
        let csv = MatrixExporter.export(ExportFormatsTests.sample, as: .csv, live: Self.live)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "Parameter,Section,vLLM,TensorRT,vLLM live,TensorRT live,Live notes,Notes")
        #expect(lines[1].hasPrefix("\"a=1,2\",Core Settings,failed,untested,passed,uncertain,"
                                   + "\"vllm: passed in h100·vllm on NVIDIA H100 80GB HBM3 at 1970-01-01T00:03:20.000Z, a fix, "
                                   + "differs (document vs live) from the document's failed: 2 checks passed; "
                                   + "tensorrt: uncertain in h100·tensorrt on NVIDIA H100 80GB HBM3 at 1970-01-01T00:01:40.000Z: no oracle\","))
        #expect(MatrixExporter.export(ExportFormatsTests.sample, as: .csv, live: .none) == MatrixExporter.export(ExportFormatsTests.sample, as: .csv))
        #expect(MatrixExporter.export(ExportFormatsTests.sample, as: .tsv, live: Self.live).hasPrefix(
            "Parameter\tSection\tvLLM\tTensorRT\tvLLM live\tTensorRT live\tLive notes\tNotes\n"))
    }

    @Test("JSON cells carry a live object; a live-only cell reads back as untested")
    func json() throws {
        let text = MatrixExporter.export(ExportFormatsTests.sample, as: .json, live: Self.live)
        let value = try JSONValue.parse(Array(text.utf8))
        guard case .array(let rows)? = value["rows"] else { Issue.record("rows"); return }
        let vllm = try #require(rows[0]["cells"]?["vllm"]?["live"])
        #expect(vllm["status"] == .string("passed"))
        #expect(vllm["change"] == .string("fix"))
        #expect(vllm["environment"] == .string("h100·vllm"))
        #expect(vllm["device"] == .string("NVIDIA H100 80GB HBM3"))
        #expect(vllm["startedAt"] == .string("1970-01-01T00:03:20.000Z"))
        #expect(rows[0]["cells"]?["tensorrt"] == .object(["status": .string("untested"), "live": Self.live["a=1,2", "tensorrt"]!.jsonValue]))
        let back = try MatrixJSON.decode(value, path: "x.json")
        #expect(back.rows[0].cells["tensorrt"] == nil)
        #expect(back.rows[0].cells["vllm"]?.status == .unsupported)
    }

    @Test("Markdown keeps the imported glyph and puts the live result first in Notes")
    func markdown() throws {
        var params = try ImportFixtures.params()
        let plain = MatrixExporter.export(params, as: .markdown, generatedAt: "2026-01-01 00:00")
        #expect(MatrixExporter.export(params, as: .markdown, generatedAt: "2026-01-01 00:00", live: .none) == plain)
        params.name = "params"
        let live = LiveVerdicts(runs: [Self.run("vllm.block_size=8", "vllm", .passed, at: 100, reason: "2 checks passed")], matrix: params)
        let text = MatrixExporter.export(params, as: .markdown, generatedAt: "2026-01-01 00:00", live: live)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `vllm.block_size=8`") })
        #expect(line == "| `vllm.block_size=8` | ➖ | ❌ | ➖ | vllm (live, h100·vllm): ✅ passed: 2 checks passed; vllm: Error: No common block size for 8.  |")
        #expect(text.components(separatedBy: "\n").count == plain.components(separatedBy: "\n").count)
    }
}

extension LiveExportTests {
    @Test("a feature page lists live results after the table and still reads back as the same matrix")
    func featurePage() throws {
        let features = try #require(try SupportedModelsPage.parse(try ImportFixtures.seed003, path: "s.txt").first { $0.name == "features" })
        let row = try #require(features.rows.first), column = try #require(features.columns.first)
        var run = Self.run(row.key, "pytorch", .failed, at: 100, reason: "engine refused")
        run.request = TestRunRequest(matrix: "features", row: row.key, column: column.key, backend: "pytorch")
        let live = LiveVerdicts(runs: [run], matrix: features)
        let text = MatrixExporter.export(features, as: .markdown, live: live)
        let imported = row.cells[column.key]?.status ?? .untested
        // A PyTorch run against TensorRT-LLM's claim differs (another backend); it never contradicts the page.
        let label = imported.isTested && imported != .unsupported ? " (differs (tensorrt vs pytorch); the page: \(imported.word))" : ""
        #expect(text.hasSuffix("Live results (latest run per cell; the table keeps the page's statuses):\n\n"
                               + "- `\(row.key)` / \(column.title) (live, h100·pytorch): No\(label): engine refused\n"))
        var back = try #require(try SupportedModelsPage.parse(text, path: "s.md").first)
        back.source = features.source
        #expect(back.rows == features.rows)
        #expect(back.notes == features.notes)
    }
}

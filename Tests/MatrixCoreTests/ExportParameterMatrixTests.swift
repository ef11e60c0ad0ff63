import Testing
@testable import MatrixCore

@Suite("Parameter matrix Markdown export")
struct ExportParameterMatrixTests {
    @Test("exporting seed 000 with its own time reproduces it byte for byte")
    func byteForByte() throws {
        let seed = try ImportFixtures.seed000
        let exported = MatrixExporter.export(try ImportFixtures.params(), as: .markdown, generatedAt: "2026-02-04 14:04")
        #expect(Array(exported.utf8) == Array(seed.utf8))
    }

    @Test("with another time only the Last updated line differs")
    func otherTime() throws {
        let seed = try ImportFixtures.seed000.split(separator: "\n", omittingEmptySubsequences: false)
        let exported = MatrixExporter.export(try ImportFixtures.params(), as: .markdown, generatedAt: "2030-01-01 00:00")
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(exported.count == seed.count)
        let differing = zip(seed, exported).filter { $0 != $1 }
        #expect(differing.count == 1)
        #expect(differing.first?.1 == "> Last updated: 2030-01-01 00:00")
    }

    @Test("summary line counts passed, failed and skipped")
    func summary() throws {
        let matrix = try ImportFixtures.params()
        #expect(ParameterMatrixMarkdownWriter.summaryLine(matrix, column: matrix.columns[1])
                == "- **VLLM**: 68/83 (81.9%) [failed: 15, skipped: 0]")
        let empty = Matrix(name: "params", title: "", kind: .parameters, columns: [Column(key: "x", title: "X")])
        #expect(ParameterMatrixMarkdownWriter.summaryLine(empty, column: empty.columns[0])
                == "- **X**: 0/0 (0.0%) [failed: 0, skipped: 0]")
    }

    @Test("notes are cut at 100 then 80 characters, idempotently on seed notes")
    func shortening() throws {
        let long = String(repeating: "a", count: 300)
        let short = ParameterNotes.shorten(long, key: "vllm")
        #expect(short == "vllm: " + String(repeating: "a", count: 71) + "...")
        #expect(short.count == 80)
        let matrix = try ImportFixtures.params()
        for row in matrix.rows {
            for (key, cell) in row.cells {
                guard let note = cell.note else { continue }
                #expect(ParameterNotes.shorten(note, key: key) == "\(key): \(note)")
            }
        }
    }

    @Test("merged results show skipped as ➖, count it in the summary, and cut long errors")
    func mergedExport() throws {
        let params = try ImportFixtures.params()
        let results = try TestResultsJSON.parse(try ImportFixtures.fixture("test_results_vllm.json"),
                                                path: "test_results_vllm.json")
        let text = MatrixExporter.export(params.merging(results), as: .markdown, generatedAt: "x")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("| `vllm.kv_cache_dtype=fp8` | ➖ | ➖ | ➖ |  |"))
        #expect(lines.contains("- **VLLM**: 69/85 (81.2%) [failed: 15, skipped: 1]"))
        let fp32 = try #require(lines.first { $0.hasPrefix("| `fp_precision=float32` |") })
        #expect(fp32.hasSuffix("| vllm: Error: CUDA out of memory while allocating the KV cache for block size ...; "
                               + "tensorrt: Error: Engine building failed, please check the error log. |"))
        #expect(lines.contains("| `vllm.new_flag` | ➖ | ❌ | ➖ | vllm: ValueError: unknown flag |"))
        let reparsed = try ParameterMatrixMarkdown.parse(text, path: "round.md")
        #expect(reparsed.row("vllm.new_flag")?.section == "vLLM-specific")
    }
}

import Foundation
import Testing
@testable import MatrixCore

@Suite("Queries on seed 000")
struct QuerySeedTests {
    /// Seed 000's tables as a grid, read by splitting lines (notes kept per backend prefix).
    static let matrix: Matrix = {
        let columns = [Column(key: "pytorch", title: "PyTorch"), Column(key: "vllm", title: "vLLM"),
                       Column(key: "tensorrt", title: "TensorRT")]
        var rows: [Row] = []
        var section: String?
        for line in QuerySeedParams.text.split(separator: "\n") {
            if line.hasPrefix("## ") {
                section = String(line.dropFirst(3))
                continue
            }
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let key = fields[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let note = fields[5]
            var cells = CellMap()
            for (offset, column) in columns.enumerated() {
                let prefix = column.key + ": "
                cells[column.key] = Cell(status: CellStatus(symbol: fields[2 + offset])!, literal: fields[2 + offset],
                                         note: note.hasPrefix(prefix) ? String(note.dropFirst(prefix.count)) : nil)
            }
            rows.append(Row(key: key, section: section, cells: cells))
        }
        return Matrix(name: "params", title: "Parameter Support Matrix", kind: .parameters,
                      columns: columns, rowHeader: "Parameter", rows: rows)
    }()

    let grid = MatrixGrid(QuerySeedTests.matrix)

    /// A stand-in for the store's FTS5 index: rows whose notes contain the words.
    func notes(_ word: String) -> Set<Int>? {
        let lowered = word.lowercased()
        var found = Set<Int>()
        for (index, row) in QuerySeedTests.matrix.rows.enumerated()
        where row.cells.values.contains(where: { $0.note?.lowercased().contains(lowered) == true }) {
            found.insert(index)
        }
        return found
    }

    @Test("backend:vllm status:failed selects exactly the 15 parameters that failed on vLLM")
    func vllmFailures() throws {
        #expect(grid.rowCount == 110)
        let selection = grid.select(try Query.parse("backend:vllm status:failed"))
        #expect(selection.columns == [1])
        #expect(selection.rows.map { grid.rowKeys[$0] } == [
            "fp_precision=bfloat16",
            "parallelism.strategy=pipeline_parallel", "parallelism.strategy=tensor_parallel",
            "quantization.load_in_8bit=True", "quantization.quantization=True",
            "vllm.attention.backend=FLASHINFER", "vllm.attention.backend=TORCH_SDPA",
            "vllm.best_of=2", "vllm.block_size=8",
            "vllm.kv_cache_dtype=bfloat16", "vllm.kv_cache_dtype=float16", "vllm.kv_cache_dtype=fp8",
            "vllm.load_format=pt", "vllm.quantization_method=awq", "vllm.quantization_method=gptq",
        ])
    }

    @Test("the summary of the whole matrix reads like seed 000's Summary section")
    func summary() {
        let summary = grid.summary(rows: Array(0..<grid.rowCount), columns: [0, 1, 2])
        let lines = summary.map { "\($0.key.uppercased()): \($0.passedIncludingUncertain)/\($0.tested) [failed: \($0.failed)]" }
        #expect(lines == ["PYTORCH: 3/3 [failed: 0]", "VLLM: 68/83 [failed: 15]", "TENSORRT: 61/65 [failed: 4]"])
        // The seed's own percentage counts its two ⚠️ as passed; the pass rate does not.
        #expect(String(format: "%.1f%%", Double(summary[1].passedIncludingUncertain) / Double(summary[1].tested) * 100) == "81.9%")
        #expect(String(format: "%.1f%%", summary[1].passRate! * 100) == "79.5%")
    }

    @Test("backend:pytorch keeps only the three rows PyTorch was tested on")
    func pytorch() throws {
        #expect(try grid.keys("backend:pytorch") == [
            "pytorch.torch_compile_backend=cudagraphs", "pytorch.torch_compile_backend=inductor",
            "pytorch.torch_compile_backend=onnxrt",
        ])
    }

    @Test("notes are found through the note index, names fuzzily, sections by part of their name")
    func wordsAndSections() throws {
        #expect(try grid.keys(#""validation error""#, noteMatches: notes) == [
            "fp_precision=bfloat16", "vllm.kv_cache_dtype=float16",
            "vllm.quantization_method=awq", "vllm.quantization_method=gptq",
        ])
        #expect(try grid.keys(#""validation error""#).isEmpty)
        #expect(try grid.keys("libxcb", noteMatches: notes) == [
            "parallelism.strategy=pipeline_parallel", "parallelism.strategy=tensor_parallel",
        ])
        #expect(try grid.keys("section:quantization").count == 8)
        #expect(try grid.keys("section:quant backend:tensorrt status:failed") == [
            "quantization.load_in_4bit=True", "quantization.load_in_8bit=True", "quantization.quantization=True",
        ])
    }
}

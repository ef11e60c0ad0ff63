import Foundation
@testable import MatrixCore

/// Hand-built grids for the query tests: a slice of seed 000's parameter matrix and of seed 003's
/// feature matrix, small enough to reason about row by row.
enum QueryFixtures {
    // MARK: - Parameters (seed 000)

    /// Row order (indices used by the tests):
    /// 0 fp_precision=bfloat16        ➖ ❌ ✅  (vLLM note: validation errors)
    /// 1 fp_precision=float16         ➖ ✅ ✅
    /// 2 fp_precision=float32         ➖ ✅ ❌  (TensorRT note)
    /// 3 decoder.beam_search.length_penalty=1.5  ➖ ⚠️ ✅
    /// 4 quantization.load_in_4bit=True   ➖ ✅ ❌
    /// 5 quantization.load_in_8bit        ➖ ✅ ✅
    /// 6 quantization.load_in_8bit=True   ➖ ❌ ❌
    /// 7 pytorch.torch_compile_backend=inductor  ⚠️ ➖ ➖
    /// 8 pytorch.torch_compile_backend=onnxrt    ⚠️ ➖ ➖
    /// 9 vllm.best_of=2               ➖ ❌ ➖  (note)
    /// 10 vllm.block_size=16          ➖ ✅ ➖
    /// 11 vllm.block_size=8           ➖ ❌ ➖  (note)
    static let paramsMatrix: Matrix = {
        func row(_ key: String, _ section: String, _ pytorch: CellStatus, _ vllm: CellStatus, _ tensorrt: CellStatus,
                 vllmNote: String? = nil, tensorrtNote: String? = nil) -> Row {
            Row(key: key, section: section, cells: [
                "pytorch": Cell(status: pytorch),
                "vllm": Cell(status: vllm, note: vllmNote),
                "tensorrt": Cell(status: tensorrt, note: tensorrtNote),
            ])
        }
        return Matrix(
            name: "params", title: "Parameter Support Matrix", kind: .parameters,
            columns: [Column(key: "pytorch", title: "PyTorch"), Column(key: "vllm", title: "vLLM"),
                      Column(key: "tensorrt", title: "TensorRT")],
            rowHeader: "Parameter",
            rows: [
                row("fp_precision=bfloat16", "Core Settings", .untested, .unsupported, .supported,
                    vllmNote: "Error: 3 validation errors for PrecisionMetadata"),
                row("fp_precision=float16", "Core Settings", .untested, .supported, .supported),
                row("fp_precision=float32", "Core Settings", .untested, .supported, .unsupported,
                    tensorrtNote: "Error: Engine building failed, please check the error log."),
                row("decoder.beam_search.length_penalty=1.5", "Decoder/Generation", .untested, .uncertain, .supported),
                row("quantization.load_in_4bit=True", "Quantization", .untested, .supported, .unsupported),
                row("quantization.load_in_8bit", "Quantization", .untested, .supported, .supported),
                row("quantization.load_in_8bit=True", "Quantization", .untested, .unsupported, .unsupported),
                row("pytorch.torch_compile_backend=inductor", "PyTorch-specific", .uncertain, .untested, .untested),
                row("pytorch.torch_compile_backend=onnxrt", "PyTorch-specific", .uncertain, .untested, .untested),
                row("vllm.best_of=2", "vLLM-specific", .untested, .unsupported, .untested,
                    vllmNote: "Error: Unexpected keyword argument 'best_of'"),
                row("vllm.block_size=16", "vLLM-specific", .untested, .supported, .untested),
                row("vllm.block_size=8", "vLLM-specific", .untested, .unsupported, .untested,
                    vllmNote: "Error: No common block size for 8. "),
            ])
    }()

    static var params: MatrixGrid { MatrixGrid(paramsMatrix) }

    // MARK: - Features (seed 003)

    /// Row order:
    /// 0 DeepseekV3ForCausalLM           Yes Yes Yes   Yes [^1]
    /// 1 Gemma3ForCausalLM               Yes Yes N/A   No
    /// 2 GptOssForCausalLM               Yes Yes No    Untested
    /// 3 Llama4ForConditionalGeneration  Yes Yes Untested Yes
    /// 4 Qwen3ForCausalLM                Yes Yes Yes   Yes
    /// 5 Qwen3MoeForCausalLM             Yes No  Yes   No
    static let featuresMatrix: Matrix = {
        let titles = ["Overlap Scheduler", "CUDA Graph", "KV Cache Reuse", "Chunked Prefill"]
        let columns = titles.map { Column(key: Column.key(for: $0), title: $0) }
        func row(_ key: String, _ model: String, _ words: [String]) -> Row {
            var cells = CellMap()
            for (column, word) in zip(columns, words) {
                let footnotes = word.contains("[^1]") ? ["1"] : []
                let bare = word.replacingOccurrences(of: " [^1]", with: "")
                cells[column.key] = Cell(status: CellStatus(word: bare)!, literal: word, footnotes: footnotes)
            }
            return Row(key: key, attributes: [Attribute(name: "Model", values: [model])], cells: cells)
        }
        return Matrix(
            name: "features", title: "Model-Feature Support Matrix(Key Models)", kind: .features,
            columns: columns, attributeNames: ["Model"], rowHeader: "Model Architecture/Feature",
            rows: [
                row("DeepseekV3ForCausalLM", "DeepSeek-V3", ["Yes", "Yes", "Yes", "Yes [^1]"]),
                row("Gemma3ForCausalLM", "Gemma 3", ["Yes", "Yes", "N/A", "No"]),
                row("GptOssForCausalLM", "GPT-OSS", ["Yes", "Yes", "No", "Untested"]),
                row("Llama4ForConditionalGeneration", "Llama 4", ["Yes", "Yes", "Untested", "Yes"]),
                row("Qwen3ForCausalLM", "Qwen3", ["Yes", "Yes", "Yes", "Yes"]),
                row("Qwen3MoeForCausalLM", "Qwen3MoE", ["Yes", "No", "Yes", "No"]),
            ],
            footnotes: [Footnote(label: "1", text: "Chunked Prefill for MLA can only be enabled on SM100.")])
    }()

    static var features: MatrixGrid { MatrixGrid(featuresMatrix) }
}

// MARK: - Helpers

extension MatrixGrid {
    /// Parses and evaluates `text`, returning the selected row keys (test shorthand).
    func keys(_ text: String, noteMatches: (String) -> Set<Int>? = { _ in nil }) throws -> [String] {
        select(try Query.parse(text), noteMatches: noteMatches).rows.map { rowKeys[$0] }
    }

    /// Parses and evaluates `text`, returning the selected column keys.
    func columnKeys(_ text: String) throws -> [String] {
        select(try Query.parse(text)).columns.map { columns[$0].key }
    }
}

import MatrixCore

/// A reproducible synthetic parameter matrix for the benchmark: `rows × columns` cells, a fifth of
/// them carrying a note of realistic error words (Zipf-like word frequencies).
///
/// ```swift
/// let matrix = SyntheticMatrix.make(rows: 20_000, columns: 50)
/// let features = SyntheticMatrix.make(rows: 20_000, columns: 50, kind: .features)   // "Feature 0"… columns
/// ```
enum SyntheticMatrix {
    static let sections = ["Core Settings", "Batching", "Decoder/Generation", "Parallelism", "Quantization",
                           "Streaming", "Traffic Simulation", "vLLM-specific", "TensorRT-specific", "PyTorch-specific"]
    static let parameters = ["block_size", "kv_cache_dtype", "num_beams", "batch_size", "strategy", "load_format",
                             "attention.backend", "quantization_method", "max_num_seqs", "gpu_memory_utilization",
                             "temperature", "top_p", "top_k", "length_penalty", "no_repeat_ngram_size", "enforce_eager"]
    static let words = ["error", "failed", "cuda", "memory", "kernel", "backend", "attention", "cache", "block", "size",
                        "validation", "config", "engine", "build", "tensor", "parallel", "pipeline", "quantization",
                        "awq", "gptq", "fp8", "bfloat16", "float16", "ninja", "flashinfer", "compile", "timeout",
                        "allocation", "shape", "mismatch", "unsupported", "argument", "keyword", "unexpected",
                        "library", "shared", "object", "file", "directory", "missing", "registered", "selector",
                        "sampler", "scheduler", "overlap", "graph", "capture", "illegal", "access", "segfault",
                        "nccl", "rank", "world", "deadlock", "oom", "exceeded", "limit", "token", "sequence", "beam"]

    /// A small deterministic generator (xorshift), so every run benchmarks the same matrix.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        /// Skewed towards small indices, like word frequencies in real error texts.
        mutating func zipf(_ bound: Int) -> Int { min(bound - 1, Int(Double(bound) * pow2(Double(below(1000)) / 1000.0))) }
        func pow2(_ x: Double) -> Double { x * x * x }
    }

    /// - Parameter kind: `.parameters` gives `params` with "Backend N" columns; `.features` gives
    ///   `features` with "Feature N" columns (the whole-process benchmark's matrix).
    static func make(rows rowCount: Int, columns columnCount: Int, kind: MatrixKind = .parameters) -> Matrix {
        var random = Generator(state: 0x9E37_79B9_7F4A_7C15)
        let label = kind == .parameters ? ("b", "Backend") : ("f", "Feature")
        let columns = (0..<columnCount).map { Column(key: "\(label.0)\($0)", title: "\(label.1) \($0)") }
        var rows: [Row] = []
        rows.reserveCapacity(rowCount)
        for index in 0..<rowCount {
            let section = sections[index * sections.count / rowCount]
            let key = "\(section.lowercased().split(separator: " ").first ?? "x").\(parameters[random.below(parameters.count)])=\(index)"
            var cells = CellMap()
            cells.reserveCapacity(columnCount)
            for column in columns {
                let roll = random.below(100)
                let status: CellStatus = roll < 60 ? .supported : roll < 75 ? .unsupported : roll < 85 ? .uncertain : .untested
                var note: String?
                if random.below(5) == 0 {
                    note = "Error: " + (0..<(6 + random.below(10))).map { _ in words[random.zipf(words.count)] }.joined(separator: " ")
                }
                cells[column.key] = Cell(status: status, note: note)
            }
            rows.append(Row(key: key, section: section, cells: cells))
        }
        return kind == .parameters
            ? Matrix(name: "params", title: "Synthetic Parameter Matrix", kind: .parameters, columns: columns,
                     rowHeader: "Parameter", rows: rows)
            : Matrix(name: "features", title: "Synthetic Feature Matrix", kind: kind, columns: columns, rowHeader: "Model", rows: rows)
    }
}

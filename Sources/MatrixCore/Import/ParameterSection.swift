/// The section a parameter belongs to in seed 000, chosen from its name, and the sections' order.
///
/// ```swift
/// ParameterSection.section(for: "vllm.block_size=8")          // "vLLM-specific"
/// ParameterSection.section(for: "batching.batch_size=1")      // "Batching"
/// ```
public enum ParameterSection {
    /// The sections in the order seed 000 prints them.
    public static let canonicalOrder = [
        "Core Settings", "Batching", "Decoder/Generation", "Parallelism", "Quantization",
        "Streaming & Simulation", "PyTorch-specific", "vLLM-specific", "TensorRT-specific",
    ]

    /// The rule of `results-format.md`: backend prefixes first, then words in the name.
    public static func section(for key: String) -> String {
        let name = key.split(separator: "=", maxSplits: 1).first.map(String.init)?.lowercased() ?? ""
        if name.hasPrefix("pytorch.") { return "PyTorch-specific" }
        if name.hasPrefix("vllm.") { return "vLLM-specific" }
        if name.hasPrefix("tensorrt.") { return "TensorRT-specific" }
        if name.contains("batching") || name.contains("batch") { return "Batching" }
        if name.contains("decoder") || name.contains("beam") { return "Decoder/Generation" }
        if name.contains("parallel") { return "Parallelism" }
        if name.contains("quantization") || name.contains("load_in") { return "Quantization" }
        if name.contains("streaming") || name.contains("traffic") { return "Streaming & Simulation" }
        return "Core Settings"
    }

    /// Orders sections: the canonical ones first in their order, any other in the order given.
    static func ordered(_ sections: [String]) -> [String] {
        let known = canonicalOrder.filter(sections.contains)
        let other = sections.filter { !canonicalOrder.contains($0) }
        return known + other
    }

    /// The title seed 000 gives a backend column.
    public static func backendTitle(for key: String) -> String {
        switch key {
        case "pytorch": "PyTorch"
        case "vllm": "vLLM"
        case "tensorrt": "TensorRT"
        default: key
        }
    }
}

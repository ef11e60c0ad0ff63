/// The section a parameter belongs to in seed 000, chosen from its name, and the sections' order.
///
/// ```swift
/// ParameterSection.section(for: "vllm.block_size=8")          // "vLLM-specific"
/// ParameterSection.section(for: "batching.batch_size=1")      // "Batching"
/// ```
///
/// The sections, the backends' prefixes and titles and each known parameter's family are the
/// parameter catalogue's (``Catalogue``); the words rule covers names the catalogue lacks.
public enum ParameterSection {
    /// The sections in the order seed 000 prints them.
    public static var canonicalOrder: [String] { Catalogue.bundled.sections }

    /// The catalogue's family section for a known parameter, else the rule of `results-format.md`:
    /// backend prefixes first, then words in the name.
    public static func section(for key: String) -> String {
        let catalogue = Catalogue.bundled
        let exact = key.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
        if let family = catalogue.parameter(exact).flatMap({ catalogue.families[$0.family] }) { return family.section }
        let name = exact.lowercased()
        if let backend = catalogue.owner(ofParameter: name) { return backend.section }
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

    /// The title seed 000 gives a backend column (the catalogue's `column_title`).
    public static func backendTitle(for key: String) -> String {
        Catalogue.bundled.backend(key)?.columnTitle ?? key
    }
}

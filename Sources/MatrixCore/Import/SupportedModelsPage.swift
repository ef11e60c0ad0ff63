/// Reads TensorRT-LLM's supported-models page, as real Markdown or as the flattened one-line
/// text of seed 003, into one matrix per table: `models`, `features`, `multimodal`, and a matrix
/// named after its heading for any table it has never seen.
///
/// ```swift
/// let matrices = try SupportedModelsPage.parse(text, path: "supported-models.md")
/// matrices.map(\.name)   // ["models", "features", "multimodal"]
/// ```
public enum SupportedModelsPage {
    public static func parse(_ text: String, path: String) throws(ImportError) -> [Matrix] {
        fatalError("SupportedModelsPage.parse: not implemented yet")
    }
}

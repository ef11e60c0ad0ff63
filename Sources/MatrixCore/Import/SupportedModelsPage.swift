import Foundation

/// Reads TensorRT-LLM's supported-models page, as real Markdown or as the flattened one-line
/// text of seed 003, into one matrix per table: `models`, `features`, `multimodal`, and a matrix
/// named after its heading for any table it has never seen.
///
/// ```swift
/// let matrices = try SupportedModelsPage.parse(text, path: "supported-models.md")
/// matrices.map(\.name)   // ["models", "features", "multimodal"]
/// ```
public enum SupportedModelsPage {
    /// - Throws: ``ImportError`` for a ragged row (its line, or table and row in flattened text)
    ///   or a table with no header.
    public static func parse(_ text: String, path: String) throws(ImportError) -> [Matrix] {
        let lines: [PageLine]
        if FlattenedMarkdown.isFlattened(text) {
            lines = try FlattenedMarkdown.lines(text, path: path)
        } else {
            lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated().map {
                PageLine(text: String($0.element.hasSuffix("\r") ? $0.element.dropLast() : $0.element), place: .line($0.offset + 1))
            }
        }
        var reader = PageReader(path: path, legend: ModalityLegend(document: text))
        return try reader.read(lines)
    }
}

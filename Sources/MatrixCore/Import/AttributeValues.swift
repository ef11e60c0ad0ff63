import Foundation

/// Splits a text cell of the supported-models page into its values, by column.
///
/// ```swift
/// AttributeValues.split("Llama 3, Llama 2", column: "Model", legend: legend)   // ["Llama 3", "Llama 2"]
/// AttributeValues.split("`a/b` `c/d`", column: "HuggingFace Example", legend: legend)   // ["a/b", "c/d"]
/// ```
enum AttributeValues {
    static func split(_ text: String, column: String, legend: ModalityLegend) -> [String] {
        guard !text.isEmpty else { return [] }
        let name = column.lowercased()
        if name == "modality" { return legend.values(of: text) }
        if name.contains("huggingface") || name.contains("example") {
            if text.contains("`") {
                return text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }.filter { !$0.isEmpty }
            }
            return text.components(separatedBy: "<br>").flatMap { $0.components(separatedBy: ", ") }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if name == "model" || name == "models" {
            return text.components(separatedBy: ", ").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        return [text]
    }
}

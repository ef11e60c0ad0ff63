import Foundation

/// Finds footnote markers (`[^1]`) in a header, row name or cell, and removes them.
///
/// ```swift
/// FootnoteMarkers.split("Yes [^1]")   // (text: "Yes", labels: ["1"])
/// ```
enum FootnoteMarkers {
    /// The text without its markers (trimmed) and the labels in the order written.
    static func split(_ text: String) -> (text: String, labels: [String]) {
        var labels: [String] = []
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "[^") {
            guard let close = rest[start.upperBound...].firstIndex(of: "]") else { break }
            let label = rest[start.upperBound..<close]
            guard !label.isEmpty, !label.contains(" ") else {
                result += rest[..<start.upperBound]
                rest = rest[start.upperBound...]
                continue
            }
            result += rest[..<start.lowerBound]
            labels.append(String(label))
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return (result.trimmingCharacters(in: .whitespaces), labels)
    }

    /// `" [^1] [^2]"` for labels `["1", "2"]`, empty for none.
    static func suffix(_ labels: [String]) -> String {
        labels.map { " [^\($0)]" }.joined()
    }
}

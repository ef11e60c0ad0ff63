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
        // The standard library's search, not Foundation's `range(of:)`: that one bridged the whole
        // remaining text on every call, so a long line with many markers took quadratic time (a
        // 57 KB flattened page found by the fuzzer: 470 ms, 85 % of it here).
        while let start = rest.firstRange(of: "[^") {
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

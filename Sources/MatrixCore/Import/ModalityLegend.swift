/// Spells out the Modality column's letters (`L + I + V` → Language, Image, Video) from the
/// legend lines the page carries (`- L: Language`), or from the built-in L/I/V/A.
///
/// ```swift
/// let legend = ModalityLegend(document: "- L: Language\n- I: Image")
/// legend.values(of: "L + I")   // ["Language", "Image"]
/// ```
struct ModalityLegend: Sendable, Hashable {
    static let builtIn = ["L": "Language", "I": "Image", "V": "Video", "A": "Audio"]

    var names: [String: String]

    /// Reads every `- X: Word` in the document (lines, or flattened onto one line).
    init(document: String) {
        var names = Self.builtIn
        let words = document.split(whereSeparator: \.isWhitespace)
        var index = 0
        while index + 2 < words.count {
            let letter = words[index + 1]
            if words[index] == "-", letter.count == 2, letter.hasSuffix(":"), letter.first!.isUppercase {
                names[String(letter.dropLast())] = String(words[index + 2])
                index += 3
            } else {
                index += 1
            }
        }
        self.names = names
    }

    /// The spelled-out values of a cell; unknown letters are kept as written.
    func values(of text: String) -> [String] {
        text.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { names[$0] ?? $0 }
    }
}

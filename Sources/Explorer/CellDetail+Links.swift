import Foundation
import Screen

/// Web addresses in a cell's texts (issue trackers, docs), for `o`: the first one, then the next
/// on each press.
///
/// ```swift
/// Links.find(in: "see https://github.com/vllm-project/vllm/issues/123.")  // ["https://github.com/vllm-project/vllm/issues/123"]
/// ```
public enum Links {
    /// `http(s)://` up to a space, a quote, an angle bracket or a control character; closing
    /// punctuation that ends a sentence (`.`, `,`, `;`, `:`, `!`, `?`, an unmatched `)` or `]`) is not part of it.
    public static func find(in text: String) -> [String] {
        var links: [String] = []
        var rest = Substring(text)
        // One forward search for "http" (the standard library's, which does not bridge the whole
        // rest as Foundation's `range(of:)` does): linear in the note, however many links it holds.
        while let hit = rest.firstRange(of: "http") {
            let from = hit.lowerBound
            guard rest[from...].hasPrefix("https://") || rest[from...].hasPrefix("http://") else {
                rest = rest[hit.upperBound...]
                continue
            }
            var end = rest[from...].firstIndex { character in
                character.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }
                    || "\"'<>`".contains(character) || character.isWhitespace
            } ?? rest.endIndex
            var link = String(rest[from..<end])
            while let last = link.last, ".,;:!?".contains(last)
                    || (last == ")" && link.filter { $0 == "(" }.count < link.filter { $0 == ")" }.count)
                    || (last == "]" && link.filter { $0 == "[" }.count < link.filter { $0 == "]" }.count) {
                link.removeLast()
            }
            if link.count > "https://".count { links.append(TerminalSafeText.clean(link)) }
            if end == from { end = rest.index(after: from) }
            rest = rest[end...]
        }
        return links
    }
}

extension Links {
    /// Where the links of ``find(in:)`` are in `text`, as character offsets (for highlighting).
    public static func characterRanges(in text: String) -> [Range<Int>] {
        let characters = Array(text)
        var ranges: [Range<Int>] = []
        var from = 0
        for link in find(in: text) {
            let needle = Array(link)
            guard needle.count <= characters.count else { continue }
            var index = from
            while index + needle.count <= characters.count, Array(characters[index..<(index + needle.count)]) != needle { index += 1 }
            guard index + needle.count <= characters.count else { continue }
            ranges.append(index..<(index + needle.count))
            from = index + needle.count
        }
        return ranges
    }
}

extension CellDetail {
    /// The links in the cell's note, literal, row notes, footnotes and source, in that order, each once.
    public var links: [String] {
        let texts = [note, literal].compactMap { $0 } + rowNotes + footnotes.map(\.text) + [source].compactMap { $0 }
        var seen = Set<String>()
        return texts.flatMap(Links.find(in:)).filter { seen.insert($0).inserted }
    }
}

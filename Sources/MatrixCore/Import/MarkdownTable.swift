import Foundation

/// Splits Markdown table lines (`| a | b |`) into cells, and recognises separator rows.
///
/// ```swift
/// MarkdownTable.exactCells("| `x` | ✅ |  |")   // ["`x`", "✅", ""]
/// MarkdownTable.isSeparator(["---", ":--:"])      // true
/// ```
enum MarkdownTable {
    // MARK: - Recognising

    /// A line that starts (after spaces) with a pipe.
    static func isRow(_ line: Substring) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.first == "|"
    }

    /// Every cell is dashes, optionally with alignment colons (`---`, `:--`, `--:`).
    static func isSeparator(_ cells: [String]) -> Bool {
        guard !cells.isEmpty else { return false }
        return cells.allSatisfy { cell in
            var text = Substring(cell.trimmingCharacters(in: .whitespaces))
            if text.hasPrefix(":") { text = text.dropFirst() }
            if text.hasSuffix(":") { text = text.dropLast() }
            return !text.isEmpty && text.allSatisfy { $0 == "-" }
        }
    }

    // MARK: - Splitting

    /// The raw text between pipes, unescaped pipes (`\|`) kept inside their cell.
    static func rawCells(_ line: Substring) -> [String] {
        var text = line.drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        if text.first == "|" { text = text.dropFirst() }
        var endsWithPipe = false
        if text.last == "|" && !text.hasSuffix("\\|") { text = text.dropLast(); endsWithPipe = true }
        var cells: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character == "|" && previous != "\\" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        if endsWithPipe || !current.isEmpty { cells.append(current) }
        return cells
    }

    /// Cells with exactly one space removed on each side, so trailing spaces inside survive
    /// (`| vllm: Error: No common block size for 8.  |` keeps `8. `).
    static func exactCells(_ line: Substring) -> [String] {
        rawCells(line).map { cell in
            var text = Substring(cell)
            if text.first == " " { text = text.dropFirst() }
            if text.last == " " { text = text.dropLast() }
            return String(text)
        }
    }

    /// Cells with all surrounding whitespace removed (padded tables).
    static func trimmedCells(_ line: Substring) -> [String] {
        rawCells(line).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// Rebuilds Markdown lines from the flattened one-line text of seed 003, where a page's
/// newlines were replaced by spaces.
///
/// ```swift
/// FlattenedMarkdown.isFlattened("# T | a | b | | --- | --- | | x | y |")   // true
/// try FlattenedMarkdown.lines(text, path: "page.txt").map(\.text)
/// // ["# T", "", "| a | b |", "| --- | --- |", "| x | y |", ""]
/// ```
///
/// Heuristics (documented in `docs/import-formats.md`):
/// - a table is found by its separator run (`| --- | --- |`); its column count N gives the
///   header (the N cells before it) and each row (N cells after an opening pipe); rows are
///   separated by `| |`, and a table ends when the text after a closing pipe is not
///   whitespace followed by another pipe;
/// - a heading (`#` … at a word start) ends at the first of: a table, `Note:`, a footnote
///   definition, or a sentence-start word (`The `, `This `, `These `);
/// - `Note:` and `[^label]:` start their own paragraphs.
enum FlattenedMarkdown {
    // MARK: - Detection

    /// True when a table separator row shares its line with other content.
    static func isFlattened(_ text: String) -> Bool {
        for line in text.split(whereSeparator: \.isNewline) where line.contains("-") {
            guard nextSeparator(Array(line), from: 0) != nil else { continue }
            if !MarkdownTable.isRow(line) || !MarkdownTable.isSeparator(MarkdownTable.rawCells(line)) { return true }
        }
        return false
    }

    // MARK: - Rebuilding

    static func lines(_ text: String, path: String) throws(ImportError) -> [PageLine] {
        let chars = Array(text.map { $0.isNewline ? " " : $0 })
        var out: [PageLine] = []
        var cursor = 0
        var tableNumber = 0
        var previousTableRows: Int?
        var search = 0
        while let separator = nextSeparator(chars, from: search) {
            let pipesBefore = pipes(chars, in: cursor..<separator.start)
            guard pipesBefore.count > separator.cells else {
                search = separator.end + 1
                continue
            }
            tableNumber += 1
            let headerStart = pipesBefore[pipesBefore.count - separator.cells - 1]
            let headerEnd = pipesBefore[pipesBefore.count - 1]
            try prose(chars[cursor..<headerStart], afterTableRows: previousTableRows, table: tableNumber - 1,
                      path: path, into: &out)
            out.append(PageLine(text: String(chars[headerStart...headerEnd]), place: .tableRow(table: tableNumber, row: 0)))
            out.append(PageLine(text: String(chars[separator.start...separator.end]), place: .tableRow(table: tableNumber, row: 0)))
            var index = separator.end + 1
            var rowCount = 0
            while true {
                var start = index
                while start < chars.count, chars[start] == " " || chars[start] == "\t" { start += 1 }
                guard start < chars.count, chars[start] == "|" else { break }
                rowCount += 1
                let rowPipes = pipes(chars, in: (start + 1)..<chars.count, limit: separator.cells)
                guard rowPipes.count == separator.cells else {
                    throw PageLine(text: "", place: .tableRow(table: tableNumber, row: rowCount)).error(
                        path, "row has \(rowPipes.count) cells, the header has \(separator.cells)")
                }
                out.append(PageLine(text: String(chars[start...rowPipes.last!]),
                                    place: .tableRow(table: tableNumber, row: rowCount)))
                index = rowPipes.last! + 1
            }
            out.append(PageLine(text: "", place: .line(1)))
            cursor = index
            search = index
            previousTableRows = rowCount
        }
        try prose(chars[cursor...], afterTableRows: previousTableRows, table: tableNumber, path: path, into: &out)
        return out
    }

    // MARK: - Tables

    /// The first separator run at or after `from`: its opening pipe, its last pipe, and its cell
    /// count.
    private static func nextSeparator(_ chars: [Character], from: Int) -> (start: Int, end: Int, cells: Int)? {
        var index = from
        while index < chars.count {
            if chars[index] == "|" {
                var end = index
                var cells = 0
                while let next = chars[(end + 1)...].firstIndex(of: "|"),
                      MarkdownTable.isSeparator([String(chars[(end + 1)..<next])]) {
                    cells += 1
                    end = next
                }
                if cells > 0 { return (index, end, cells) }
            }
            index += 1
        }
        return nil
    }

    /// Positions of unescaped pipes in a range, at most `limit`.
    private static func pipes(_ chars: [Character], in range: Range<Int>, limit: Int = .max) -> [Int] {
        var found: [Int] = []
        for index in range where chars[index] == "|" && (index == 0 || chars[index - 1] != "\\") {
            found.append(index)
            if found.count == limit { break }
        }
        return found
    }

    // MARK: - Prose

    /// Turns the text between tables into headings and paragraphs.
    private static func prose(_ slice: ArraySlice<Character>, afterTableRows: Int?, table: Int, path: String,
                              into out: inout [PageLine]) throws(ImportError) {
        let text = String(slice)
        if let pipe = text.firstIndex(of: "|") {
            let before = text[..<pipe]
            if let rows = afterTableRows, !before.contains("# ") {
                throw PageLine(text: "", place: .tableRow(table: table, row: rows)).error(
                    path, "row has more cells than the header")
            }
            throw ImportError(file: path, line: 1, field: "table \(table + 1)",
                              message: "table has no header: no |---| separator follows its first row")
        }
        for paragraph in paragraphs(text) {
            out.append(PageLine(text: paragraph, place: .line(1)))
            out.append(PageLine(text: "", place: .line(1)))
        }
    }

    static let sentenceStarts = ["The ", "This ", "These "]

    /// Splits prose at headings, `Note:` and footnote definitions; a heading also ends at a
    /// sentence-start word.
    static func paragraphs(_ text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        var result: [String] = []
        var current: [Substring] = []
        var inHeading = false
        func flush() {
            if !current.isEmpty { result.append(current.joined(separator: " ")) }
            current = []
        }
        for word in words {
            let isHeading = !word.isEmpty && word.allSatisfy { $0 == "#" }
            let isNote = word == "Note:"
            let isFootnote = word.hasPrefix("[^") && word.hasSuffix("]:")
            let endsHeading = inHeading && current.count > 1 && sentenceStarts.contains { $0.dropLast() == word }
            if isHeading || isNote || isFootnote || endsHeading {
                flush()
                inHeading = isHeading
            }
            current.append(word)
        }
        flush()
        return result
    }
}

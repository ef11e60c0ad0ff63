import Foundation
import MatrixCore
import Screen

/// The live pane's log: a heading that says whether it follows, how far back the view is and
/// what is searched, then the lines, matches highlighted in place (the lines around them stay).
extension Painter {
    /// Draws the heading at `y` and the log's lines below it, down to `bottom`.
    mutating func drawLog(_ pane: LivePaneState, x: Int, y: Int, bottom: Int, maxX: Int) {
        let width = maxX - x
        let matches = pane.logMatches
        buffer.write(DisplayWidth.truncate(logHeading(pane, matches: matches), to: width), x: x, y: y, role: .header, maxX: maxX)
        if let search = pane.search, search.editing {
            let cursorX = x + min(width - 1, DisplayWidth.of(logHeading(pane, matches: matches, upToCursor: true)))
            buffer.write("▏", x: cursorX, y: y, role: .queryLine, maxX: maxX)
        }
        // The lines that end the view, each wrapped (or cut), taken from the end until the room is full.
        let room = bottom - y - 1
        let end = max(0, pane.log.count - pane.logScroll)
        var rows: [(text: String, line: Int)] = []
        var index = end - 1
        while index >= 0, rows.count < room {
            let pieces = fit(pane.log[index], width: width)
            rows.insert(contentsOf: pieces.map { ($0, index) }, at: 0)
            index -= 1
        }
        rows = Array(rows.suffix(room))
        // A view that ends above the last line (a search match) fills the rest of its room below.
        var next = end
        while rows.count < room, next < pane.log.count {
            rows += fit(pane.log[next], width: width).map { ($0, next) }
            next += 1
        }
        rows = Array(rows.prefix(room))
        let text = pane.search?.text ?? ""
        for (offset, row) in rows.enumerated() {
            let rowY = y + 1 + offset
            let current = pane.search?.current == row.line
            buffer.write(row.text, x: x, y: rowY, role: current ? .normal : .dim, maxX: maxX)
            guard !text.isEmpty else { continue }
            for range in Self.ranges(of: text, in: row.text) {
                let start = x + DisplayWidth.of(row.text[..<range.lowerBound])
                let count = DisplayWidth.of(row.text[range])
                buffer.restyle(x: start, y: rowY, count: min(count, maxX - start), role: .highlight, reverse: current)
            }
        }
    }

    /// `log · 120 lines · following · { } scroll  F hold  s search  S save`, or with a search
    /// `log · 120 lines · /cuda · match 2 of 3 · n/N  Esc ends`.
    func logHeading(_ pane: LivePaneState, matches: [Int], upToCursor: Bool = false) -> String {
        var text = "log · \(pane.log.count) line\(pane.log.count == 1 ? "" : "s") · "
        if let search = pane.search {
            text += "search: \(search.text)"
            if upToCursor { return text }
            if search.editing { return text + "  (Enter: go · Esc: cancel)" }
            let position = search.current.flatMap { matches.firstIndex(of: $0) }.map { "match \($0 + 1) of \(matches.count)" }
            return text + " · " + (matches.isEmpty ? "no matches" : position ?? "\(matches.count) matches") + " · n/N  Esc: end"
        }
        if pane.logScroll > 0 { text += "\(pane.logScroll) lines back" } else { text += pane.follow ? "following" : "held" }
        return text + " · { } scroll  F follow  s search  S save"
    }

    /// Where `needle` occurs in `haystack`, ignoring case.
    static func ranges(of needle: String, in haystack: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var from = haystack.startIndex
        while from < haystack.endIndex, let range = haystack.range(of: needle, options: .caseInsensitive, range: from..<haystack.endIndex) {
            ranges.append(range)
            from = range.upperBound
        }
        return ranges
    }
}

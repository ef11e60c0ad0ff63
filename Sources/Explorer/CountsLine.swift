import MatrixCore
import Screen

/// The counts above a status column: passed of tested, then the failed and the uncertain cells
/// when there are any.
///
/// ```swift
/// CountsLine.parts(vllm, glyphs: .emoji).map(\.text).joined()   // "26/43 ❌9 ⚠️8"
/// CountsLine.fitted(vllm, glyphs: .emoji, width: 9)              // [("26/43", .passed), (" ❌9", .failed)]
/// ```
/// Uncertain is not a pass (``ColumnSummary``'s rule): `26/43` alone already says 17 cells did
/// not pass. A narrow column drops the parts from the end (uncertain first, then failed), never
/// one in the middle, so a shown ⚠️ count always comes with the ❌ count before it.
enum CountsLine {
    /// Every part: `26/43`, ` ❌9` when some failed, ` ⚠️8` when some are uncertain.
    static func parts(_ summary: ColumnSummary, glyphs: GlyphSet) -> [(text: String, role: StyleRole)] {
        var parts: [(text: String, role: StyleRole)] = [("\(summary.passed)/\(summary.tested)", .passed)]
        if summary.failed > 0 { parts.append((" \(glyphs.failed)\(summary.failed)", .failed)) }
        if summary.uncertain > 0 { parts.append((" \(glyphs.uncertain)\(summary.uncertain)", .uncertain)) }
        return parts
    }

    /// The leading parts that fit in `width` cells (the first, `passed/tested`, always: the column cuts it).
    static func fitted(_ summary: ColumnSummary, glyphs: GlyphSet, width: Int) -> [(text: String, role: StyleRole)] {
        let all = parts(summary, glyphs: glyphs)
        var used = DisplayWidth.of(all[0].text), count = 1
        while count < all.count, used + DisplayWidth.of(all[count].text) <= width {
            used += DisplayWidth.of(all[count].text)
            count += 1
        }
        return Array(all.prefix(count))
    }

    /// Display width of the first part (what a compact column makes room for) and of all of them.
    static func widths(_ summary: ColumnSummary, glyphs: GlyphSet) -> (first: Int, all: Int) {
        let all = parts(summary, glyphs: glyphs).map { DisplayWidth.of($0.text) }
        return (all[0], all.reduce(0, +))
    }
}

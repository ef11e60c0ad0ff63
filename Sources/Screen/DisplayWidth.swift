/// How many terminal columns a grapheme takes, measured per grapheme rather than per scalar:
/// the one measure for the explorer's screen and the command line's tables.
///
/// `wcwidth(U+26A0)` says one column, yet `⚠️` (U+26A0 U+FE0F) is drawn two columns wide by
/// terminals that honour the emoji variation selector; measuring the whole grapheme keeps
/// the grid's columns aligned whatever glyph set is used. Emoji are wide when they are drawn
/// as emoji by default (`Emoji_Presentation`: ✅ ❌ 🚀) or asked to be (U+FE0F); a text-style
/// symbol (`🌡` U+1F321, `⚠` U+26A0) stays one column. East Asian Wide and Fullwidth
/// characters (漢, 가, ｱ is not: halfwidth) take two.
///
/// ```swift
/// DisplayWidth.of("⚠️")      // 2
/// DisplayWidth.of("⚠")       // 1
/// DisplayWidth.of("e\u{301}") // 1 (the combining accent adds nothing)
/// ```
public enum DisplayWidth {
    // MARK: - Graphemes

    /// The width of one grapheme: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        if character.isASCII {
            return character.asciiValue.map { $0 >= 0x20 && $0 != 0x7F ? 1 : 0 } ?? 1
        }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        if isWide(first.value) { return 2 }
        if isZeroWidth(first) { return 0 }
        return 1
    }

    /// The width of a whole string: the sum over its graphemes.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    // MARK: - Truncation

    /// Cuts `text` to at most `width` columns, ending with `…` when something was cut.
    ///
    /// ```swift
    /// DisplayWidth.truncate("tensorrt.quantization", to: 10)   // "tensorrt.…"
    /// ```
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// The end of `text` that fits in `width` columns (no ellipsis: the caller adds one).
    ///
    /// ```swift
    /// DisplayWidth.tail("backend:vllm", width: 4)   // "vllm"
    /// ```
    public static func tail(_ text: String, width: Int) -> String {
        var kept: [Character] = []
        var used = 0
        for character in text.reversed() {
            let w = of(character)
            if used + w > width { break }
            kept.append(character)
            used += w
        }
        return String(kept.reversed())
    }

    /// Pads (or truncates) `text` to exactly `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        let missing = width - of(cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }

    // MARK: - Tables

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return scalar.value == 0x200B
        }
    }

    /// East Asian Wide and Fullwidth ranges (the common blocks; emoji are decided by their
    /// presentation, not here, so text-style symbols among them stay narrow).
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// How many terminal columns a string takes, measured per grapheme: an emoji (`⚠️` is U+26A0
/// U+FE0F) or a wide East Asian character takes two, combining marks none.
///
/// ```swift
/// DisplayWidth.of("⚠️")   // 2
/// DisplayWidth.of("vLLM") // 4
/// ```
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        if first.properties.isEmojiPresentation { return 2 }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        case 0..<0x20, 0x7F..<0xA0:
            return 0
        default:
            return first.properties.generalCategory == .nonspacingMark ? 0 : 1
        }
    }

    /// `text` padded with spaces to `width` columns.
    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }
}

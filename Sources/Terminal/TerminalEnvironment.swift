import Foundation
import Screen

/// What the environment allows: colours (`NO_COLOR`, the terminal's colour count) and glyphs
/// (a non-UTF-8 locale gets ASCII), decided before the first frame.
///
/// ```swift
/// let choice = TerminalEnvironment.choose(theme: .dark, glyphs: .emoji, colors: 256, utf8: true, environment: env)
/// ```
public enum TerminalEnvironment {
    /// Picks the theme and glyph set that this terminal can show.
    public static func choose(theme: Theme, glyphs: GlyphSet, colors: Int, utf8: Bool,
                              environment: [String: String]) -> (theme: Theme, glyphs: GlyphSet) {
        var theme = theme
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { theme = .monochromeTheme }
        if colors < 8 { theme = .monochromeTheme }
        return (theme, utf8 ? glyphs : .ascii)
    }

    /// True when the locale's character set is UTF-8 (after `setlocale(LC_ALL, "")`).
    public static func localeIsUTF8(codeset: String) -> Bool {
        let normalized = codeset.uppercased().replacingOccurrences(of: "-", with: "")
        return normalized == "UTF8"
    }
}

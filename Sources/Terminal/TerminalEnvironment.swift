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

    /// Why the explorer cannot run here, or `nil`: it reads keys from stdin and draws on stdout,
    /// both a terminal, whose `TERM` can move the cursor (issue 14, D12).
    ///
    /// ```swift
    /// TerminalEnvironment.unusableReason(stdinIsTerminal: true, stdoutIsTerminal: true, term: "dumb")
    /// // "TERM=dumb cannot move the cursor: …"
    /// ```
    public static func unusableReason(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, term: String?) -> String? {
        let scripts = "for scripts and pipes use `infermatrix list`, `show` or `export`"
        if !stdinIsTerminal { return "the explorer needs a terminal, and stdin is not one; \(scripts)" }
        if !stdoutIsTerminal { return "the explorer needs a terminal, and stdout is redirected; \(scripts)" }
        guard let term, !term.isEmpty else {
            return "TERM is not set, so the explorer cannot tell how to draw (set it, e.g. TERM=xterm-256color)"
        }
        if term == "dumb" { return "TERM=dumb cannot move the cursor: the explorer needs a full terminal; \(scripts)" }
        return nil
    }
}

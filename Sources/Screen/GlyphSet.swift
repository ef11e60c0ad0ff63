/// The symbols a status is drawn with. Three sets: emoji (seed 000's own), Unicode and ASCII.
/// The marks after a status (`*`, `L`, `~`, `!`) are MatrixCore's `CellMarker`, the same in
/// every set, and no set uses them as a status glyph.
///
/// ```swift
/// GlyphSet.emoji.glyph(for: .unsupported)   // "❌"
/// GlyphSet.ascii.glyph(for: .uncertain)     // "?"
/// ```
public struct GlyphSet: Sendable, Hashable, Codable {
    public var name: String
    public var passed: String
    public var failed: String
    public var uncertain: String
    public var untested: String
    public var notApplicable: String
    /// Drawn before a marked row.
    public var markMarker: String

    public init(name: String, passed: String, failed: String, uncertain: String, untested: String,
                notApplicable: String, markMarker: String) {
        self.name = name
        self.passed = passed
        self.failed = failed
        self.uncertain = uncertain
        self.untested = untested
        self.notApplicable = notApplicable
        self.markMarker = markMarker
    }

    // MARK: - Built-in sets

    public static let emoji = GlyphSet(name: "emoji", passed: "✅", failed: "❌", uncertain: "⚠️",
                                      untested: "➖", notApplicable: "N/A", markMarker: "●")
    public static let unicode = GlyphSet(name: "unicode", passed: "✓", failed: "✗", uncertain: "?",
                                        untested: "·", notApplicable: "–", markMarker: "●")
    public static let ascii = GlyphSet(name: "ascii", passed: "+", failed: "x", uncertain: "?",
                                      untested: "-", notApplicable: "n/a", markMarker: ">")

    public static let all: [GlyphSet] = [.emoji, .unicode, .ascii]

    /// A built-in set by name (`emoji`, `unicode`, `ascii`).
    public static func named(_ name: String) -> GlyphSet? {
        all.first { $0.name == name.lowercased() }
    }

    /// The widest glyph's display width, so every status column is wide enough for any status.
    public var maxWidth: Int {
        [passed, failed, uncertain, untested, notApplicable].map { DisplayWidth.of($0) }.max() ?? 1
    }
}

import MatrixCore
import Screen

/// What every symbol in a grid cell means: the status glyphs of a glyph set and the
/// ``CellMarker`` marks. The one legend: `?` lists it, `i` shows it in the footer, and
/// `infermatrix list` prints it under its table.
///
/// ```swift
/// Legend(glyphs: .emoji).entries.first   // ("✅", "passed / supported")
/// Legend(glyphs: .ascii).lines(width: 80, short: true)   // ["+ passed  x failed  ? uncertain  …"]
/// ```
public struct Legend: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var symbol: String
        public var meaning: String
        /// A word or two, for the one-line footer.
        public var short: String
    }

    public var entries: [Entry]

    /// The legend of `statuses` drawn with `glyphs` (nil: the statuses are words, list none) and
    /// of `markers`; by default everything a cell can show.
    public init(glyphs: GlyphSet?, statuses: [CellStatus] = CellStatus.allCases,
                markers: [CellMarker] = CellMarker.allCases) {
        let statusEntries = glyphs.map { set in
            statuses.map { Entry(symbol: set.glyph(for: $0), meaning: Self.meaning(of: $0), short: Self.short(of: $0)) }
        } ?? []
        entries = statusEntries + markers.map { Entry(symbol: $0.symbol, meaning: $0.meaning, short: Self.short(of: $0)) }
    }

    /// Why a status is drawn: the words for the legend.
    static func meaning(of status: CellStatus) -> String {
        switch status {
        case .supported: "passed / supported"
        case .unsupported: "failed / not supported"
        case .uncertain: "uncertain: it ran, but the effect could not be verified"
        case .untested: "untested"
        case .notApplicable: "not applicable"
        }
    }

    static func short(of status: CellStatus) -> String {
        status == .notApplicable ? "not applicable" : status.queryName
    }

    static func short(of marker: CellMarker) -> String {
        switch marker {
        case .note: "note"
        case .live: "live"
        case .differs: "differs"
        case .change: "regression/fix"
        }
    }

    /// One `symbol meaning` per line (the `?` overlay and `list`).
    public var longLines: [String] { entries.map { "\($0.symbol) \($0.meaning)" } }

    /// The short entries packed into as few lines of at most `width` columns as they need (the footer).
    public func lines(width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for entry in entries {
            let piece = "\(entry.symbol) \(entry.short)"
            let candidate = current.isEmpty ? piece : current + "  " + piece
            if DisplayWidth.of(candidate) > width && !current.isEmpty {
                lines.append(current)
                current = piece
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension GlyphSet {
    /// The glyph this set draws for a status.
    public func glyph(for status: CellStatus) -> String {
        switch status {
        case .supported: passed
        case .unsupported: failed
        case .uncertain: uncertain
        case .untested: untested
        case .notApplicable: notApplicable
        }
    }
}

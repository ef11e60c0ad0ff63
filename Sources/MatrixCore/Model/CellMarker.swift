/// The marks drawn after a cell's status, and what each means: the one table the explorer's grid,
/// its legend and `infermatrix list` all read, so a mark means the same thing everywhere.
///
/// ```swift
/// CellMarker.markers(for: [.note, .live])   // [.note, .live]: drawn `✅*L`
/// CellMarker.live.symbol                     // "L"
/// ```
///
/// No symbol here is any glyph set's status glyph (emoji, unicode, ascii), so `✓!` can only read
/// "passed, and a regression or fix".
public enum CellMarker: String, Sendable, Hashable, CaseIterable {
    /// The cell carries a note or cites a footnote (the detail pane shows it).
    case note
    /// The status is a live verdict (the latest decisive run), not the imported document's.
    case live
    /// The verdict differs from the document's, or from another shown environment's.
    case differs
    /// A regression or a fix: the previous live result on the same backend and device class disagreed.
    case change

    public var symbol: String {
        switch self {
        case .note: "*"
        case .live: "L"
        case .differs: "~"
        case .change: "!"
        }
    }

    /// The legend's words for the mark.
    public var meaning: String {
        switch self {
        case .note: "has a note or footnote (Enter shows it)"
        case .live: "live result (latest decisive run)"
        case .differs: "differs from the document or another shown environment"
        case .change: "regression or fix (same backend and device)"
        }
    }

    /// The marks a cell's flags earn, in drawing order: the note mark, then at most one of
    /// change, differs, live (the most telling one).
    public static func markers(for flags: CellFlags) -> [CellMarker] {
        var result: [CellMarker] = []
        if !flags.intersection([.note, .footnote]).isEmpty { result.append(.note) }
        if !flags.intersection([.regression, .fix]).isEmpty {
            result.append(.change)
        } else if flags.contains(.differs) {
            result.append(.differs)
        } else if flags.contains(.live) {
            result.append(.live)
        }
        return result
    }
}

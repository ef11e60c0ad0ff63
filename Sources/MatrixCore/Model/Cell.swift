/// One cell of a matrix: a normalised status, the source's literal text and what it cites.
///
/// ```swift
/// Cell(status: .supported, literal: "Yes [^1]", footnotes: ["1"])
/// Cell(status: .unsupported, literal: "❌", note: "Error: No common block size for 8. ")
/// ```
public struct Cell: Codable, Sendable, Hashable {
    public var status: CellStatus
    /// The text of the cell exactly as the source wrote it (`✅`, `Yes [^1]`, `N/A`).
    public var literal: String
    /// Labels of the footnotes the cell cites (`["1"]` for `[^1]`), in the order written.
    public var footnotes: [String]
    /// The note this cell carries, without its `backend: ` prefix: in seed 000 the error of a
    /// failed run. Imported result files give the whole error text here, not the 80-character cut.
    public var note: String?

    public init(status: CellStatus, literal: String? = nil, footnotes: [String] = [], note: String? = nil) {
        self.status = status
        self.literal = literal ?? status.symbol
        self.footnotes = footnotes
        self.note = note
    }

    /// The longest note an import accepts, in UTF-8 bytes: a note is an error's summary, and an
    /// unbounded one makes `list` and `show` print whatever a document holds (issue 14, D13).
    public static let maximumNoteBytes = 64 * 1024

    /// The message of an over-long note or reason, or nil when `text` fits ``maximumNoteBytes``.
    public static func tooLong(_ text: String?, _ what: String = "note") -> String? {
        guard let count = text?.utf8.count, count > maximumNoteBytes else { return nil }
        return "\(what) is \(count) bytes long; at most \(maximumNoteBytes) are accepted"
    }
}

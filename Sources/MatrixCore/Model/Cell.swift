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
}

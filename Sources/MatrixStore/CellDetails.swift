import MatrixCore

/// Everything `infermatrix show` prints about one row: its cells with literal text, status, full
/// note and footnotes (with their text and the other cells citing them), the source document,
/// and the history of changes.
///
/// ```swift
/// let details = try store.details(matrix: "params", row: "vllm.block_size=8")
/// details.cells[1].note   // "Error: No common block size for 8. "
/// ```
public struct RowDetails: Sendable {
    public var matrix: String
    public var matrixTitle: String
    public var row: MatrixCore.Row
    public var columns: [Column]
    public var footnotes: [FootnoteDetails]
    public var source: SourceDocument?
    public var importedAt: String?
    public var history: [MatrixChangeRecord]
}

/// A footnote cited by a row, its text and every place in the matrix that cites it.
public struct FootnoteDetails: Sendable {
    public var label: String
    public var text: String
    /// `row / column` descriptions of the citing places.
    public var citedBy: [String]
}

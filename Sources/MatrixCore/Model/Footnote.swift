/// A footnote definition (`[^1]: Chunked Prefill for MLA can only be enabled on SM100.`).
///
/// The cells, rows and columns that cite it carry its ``label``; ``Matrix/citations(of:)`` finds them.
public struct Footnote: Codable, Sendable, Hashable {
    /// The label between `[^` and `]`.
    public var label: String
    public var text: String

    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}

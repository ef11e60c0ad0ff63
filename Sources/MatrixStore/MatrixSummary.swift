import MatrixCore

/// One stored matrix as `infermatrix list` and the explorer's tabs name it.
///
/// ```swift
/// try store.matrices().map(\.name)   // ["params", "models", "features", "multimodal"]
/// ```
public struct MatrixSummary: Sendable, Hashable {
    public var name: String
    public var title: String
    public var kind: MatrixKind
    public var rowCount: Int
    public var columnCount: Int
    /// The document the matrix was last written from.
    public var source: SourceDocument?
    public var importedAt: String?
}

import MatrixCore

/// What one imported file did to the database.
///
/// ```swift
/// let reports = try store.importFiles(["test_results_vllm.json"])
/// reports[0].matrices[0].summary.description   // "1 regression, 2 rows added"
/// ```
public struct ImportReport: Sendable, Hashable {
    public var source: SourceDocument
    public var matrices: [MatrixResult]

    /// One matrix written (or left alone) by the import.
    public struct MatrixResult: Sendable, Hashable {
        public var name: String
        public var rowCount: Int
        public var columnCount: Int
        public var changes: [MatrixChange]
        public var summary: ChangeSummary { ChangeSummary(changes) }
    }
}

/// One recorded import and the changes it made, newest last in ``MatrixDatabase/importHistory()``.
public struct ImportRecord: Sendable, Hashable {
    public var id: Int64
    public var at: String
    public var source: SourceDocument
    public var summary: String
    /// `(matrix name, change)` pairs in the order they were recorded.
    public var changes: [MatrixChangeRecord]
}

/// A recorded change with the matrix it belongs to.
public struct MatrixChangeRecord: Sendable, Hashable {
    public var matrix: String
    public var change: MatrixChange
    /// When and from what file (filled in for a row's history).
    public var at: String?
    public var sourcePath: String?
}

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
    /// What a runs file added; `nil` for matrix documents.
    public var runs: RunsResult?

    public init(source: SourceDocument, matrices: [MatrixResult], runs: RunsResult? = nil) {
        self.source = source
        self.matrices = matrices
        self.runs = runs
    }

    /// The runs of a runs file: recorded now, or already in the database (same cell, backend,
    /// host and start time) and skipped.
    public struct RunsResult: Sendable, Hashable, CustomStringConvertible {
        public var recorded: Int
        public var alreadyPresent: Int

        /// `3 runs recorded, 1 already present`
        public var description: String {
            "\(recorded) run\(recorded == 1 ? "" : "s") recorded, \(alreadyPresent) already present"
        }
    }

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

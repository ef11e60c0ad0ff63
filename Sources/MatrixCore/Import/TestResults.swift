/// One backend's results read from the benchmarking tool's `test_results_<backend>.json`.
///
/// Merged into the `params` matrix with ``Matrix/merging(_:)``: the backend's column is replaced
/// for the rows the file tested; other columns are left alone; new rows are added to the section
/// their name belongs to.
public struct TestResults: Sendable, Hashable {
    /// Column key: `pytorch`, `vllm` or `tensorrt`.
    public var backend: String
    public var runID: String?
    public var timestamp: String?
    /// One row per tested key (`parameter=value`, or `parameter` when the value is empty), with
    /// only the backend's cell. Baseline configs are skipped.
    public var rows: [Row]

    public init(backend: String, runID: String? = nil, timestamp: String? = nil, rows: [Row]) {
        self.backend = backend
        self.runID = runID
        self.timestamp = timestamp
        self.rows = rows
    }
}

/// Reads `test_results_<backend>.json` (see `shared/reference/results-format.md`).
public enum TestResultsJSON {
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - path: for messages, and to take the backend from the file name when `backend` is null.
    /// - Throws: ``ImportError`` naming the JSON field (`results[3].status`) that is missing or of
    ///   the wrong type, or the file when it is not JSON at all.
    public static func parse(_ data: [UInt8], path: String) throws(ImportError) -> TestResults {
        fatalError("TestResultsJSON.parse: not implemented yet")
    }
}

import Foundation

/// Where a matrix's facts came from: a file that was imported, and how it was read.
public struct SourceDocument: Codable, Sendable, Hashable {
    /// The formats InferMatrix can import.
    public enum Format: String, Codable, Sendable, CaseIterable {
        /// A parameter × backend matrix in seed 000's Markdown layout.
        case parameterMarkdown = "parameter-markdown"
        /// The benchmarking tool's raw `test_results_<backend>.json`.
        case testResultsJSON = "test-results-json"
        /// TensorRT-LLM's supported-models page, as Markdown or as flattened one-line text.
        case supportedModelsPage = "supported-models-page"
        /// Runs recorded by InferMatrix's own live tests.
        case liveRuns = "live-runs"
    }

    /// The path as given to the importer (kept as written, for messages and `show`).
    public var path: String
    public var format: Format
    /// Hex SHA-256 of the file's bytes, so an identical re-import is recognised.
    public var sha256: String

    public init(path: String, format: Format, sha256: String) {
        self.path = path
        self.format = format
        self.sha256 = sha256
    }
}

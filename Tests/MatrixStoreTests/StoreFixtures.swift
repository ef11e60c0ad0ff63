import Foundation
import MatrixCore
@testable import MatrixStore

/// Temporary directories, a small hand-made matrix and the package's own source documents.
enum StoreFixtures {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "matrixstore-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The package root, found from this file's path.
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static var sourcesDirectory: String { packageRoot + "/data/sources" }

    /// A fresh database in a temporary directory holding the small matrix: where run tests record.
    static func runsStore() throws -> MatrixDatabase {
        let store = try MatrixDatabase(path: try temporaryDirectory() + "/runs.sqlite")
        _ = try store.importMatrices([smallMatrix()], source: source)
        return store
    }

    static let source = SourceDocument(path: "hand-made.md", format: .parameterMarkdown, sha256: "abc")

    /// Three rows, two columns, a note, a footnote and a row note.
    static func smallMatrix() -> Matrix {
        Matrix(
            name: "params", title: "Parameter Support Matrix", kind: .parameters,
            columns: [Column(key: "vllm", title: "vLLM"), Column(key: "tensorrt", title: "TensorRT", footnotes: ["2"])],
            rowHeader: "Parameter",
            rows: [
                Row(key: "vllm.block_size=8", section: "vLLM-specific",
                    cells: ["vllm": Cell(status: .unsupported, literal: "❌", note: "Error: No common block size for 8. ")]),
                Row(key: "vllm.block_size=16", section: "vLLM-specific",
                    cells: ["vllm": Cell(status: .supported), "tensorrt": Cell(status: .uncertain, footnotes: ["1"])],
                    notes: ["tuned on a flashinfer build"]),
                Row(key: "fp_precision=float16", section: "Core Settings",
                    attributes: [],
                    cells: ["vllm": Cell(status: .supported), "tensorrt": Cell(status: .supported)]),
            ],
            footnotes: [Footnote(label: "1", text: "Only on SM90."), Footnote(label: "2", text: "Engine build needed.")],
            preamble: "# Parameter Support Matrix\n", appendix: "## Backend Recommendations\n", notes: ["generated"],
            source: source)
    }
}

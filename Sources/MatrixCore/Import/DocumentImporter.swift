/// What one imported file yields.
public enum ImportedDocument: Sendable, Hashable {
    /// Whole matrices that replace the stored ones of the same name.
    case matrices([Matrix])
    /// A backend's results, merged into the `params` matrix.
    case testResults(TestResults)
    /// Recorded live runs (a runs file), added to the run tables.
    case liveRuns(RunsFile)
}

/// Recognises a file's format from its name and content, and reads it.
///
/// ```swift
/// let document = try DocumentImporter.read(bytes, path: "test_results_vllm.json")
/// ```
public enum DocumentImporter {
    static let accepted = "expected a parameter matrix (Markdown with a \"| Parameter |\" table), "
        + "test_results_<backend>.json, a runs file (\"format\": \"infermatrix-runs\"), "
        + "or TensorRT-LLM's supported-models page (Markdown or flattened text)"

    /// - Throws: ``ImportError`` for an empty file, a binary file, an unknown format, or whatever
    ///   the format's reader rejects.
    public static func read(_ bytes: [UInt8], path: String) throws(ImportError) -> (ImportedDocument, SourceDocument) {
        guard !bytes.isEmpty else { throw ImportError(file: path, message: "file is empty") }
        guard !bytes.contains(0), var text = String(validating: bytes, as: UTF8.self) else {
            throw ImportError(file: path, message: "binary file, not a matrix document")
        }
        let digest = SourceDigest.sha256(bytes)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }   // a byte-order mark is not content
        let trimmed = text.drop(while: \.isWhitespace)
        if path.lowercased().hasSuffix(".json") || trimmed.hasPrefix("{") {
            // A runs file says so in its `format` key; a `.runs.json` name gets the runs file's errors.
            let document = try? JSONValue.parse(bytes)
            if document.map(RunsFile.isRunsFile) == true || path.lowercased().hasSuffix(".runs.json") {
                let runs = try RunsFile.decode(bytes, path: path)
                return (.liveRuns(runs), SourceDocument(path: path, format: .liveRuns, sha256: digest))
            }
            let results = try TestResultsJSON.parse(bytes, path: path)
            return (.testResults(results), SourceDocument(path: path, format: .testResultsJSON, sha256: digest))
        }
        if text.contains("| Parameter |") {
            let source = SourceDocument(path: path, format: .parameterMarkdown, sha256: digest)
            var matrix = try ParameterMatrixMarkdown.parse(text, path: path)
            matrix.source = source
            return (.matrices([matrix]), source)
        }
        if text.contains("| Architecture") || text.contains("| Model Architecture") || text.contains("Supported Models") {
            let source = SourceDocument(path: path, format: .supportedModelsPage, sha256: digest)
            let matrices = try SupportedModelsPage.parse(text, path: path).map { matrix in
                var matrix = matrix
                matrix.source = source
                return matrix
            }
            return (.matrices(matrices), source)
        }
        throw ImportError(file: path, message: "unrecognised format: \(accepted)")
    }
}

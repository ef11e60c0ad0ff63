/// What one imported file yields.
public enum ImportedDocument: Sendable, Hashable {
    /// Whole matrices that replace the stored ones of the same name.
    case matrices([Matrix])
    /// A backend's results, merged into the `params` matrix.
    case testResults(TestResults)
}

/// Recognises a file's format from its name and content, and reads it.
///
/// ```swift
/// let document = try DocumentImporter.read(bytes, path: "test_results_vllm.json")
/// ```
public enum DocumentImporter {
    /// - Throws: ``ImportError`` for an empty file, a binary file, an unknown format, or whatever
    ///   the format's reader rejects.
    public static func read(_ bytes: [UInt8], path: String) throws(ImportError) -> (ImportedDocument, SourceDocument) {
        fatalError("DocumentImporter.read: not implemented yet")
    }
}

/// Reads a parameter × backend matrix in seed 000's Markdown layout.
///
/// ```swift
/// let matrix = try ParameterMatrixMarkdown.parse(text, path: "data/sources/parameter-matrix.md")
/// matrix.name   // "params"
/// ```
public enum ParameterMatrixMarkdown {
    /// - Throws: ``ImportError`` with the line of a ragged or headerless table, an unknown
    ///   status glyph, or a document with no matrix section.
    public static func parse(_ text: String, path: String) throws(ImportError) -> Matrix {
        fatalError("ParameterMatrixMarkdown.parse: not implemented yet")
    }
}

/// The formats a selection can be exported to.
public enum ExportFormat: String, CaseIterable, Sendable, Codable {
    /// RFC 4180: comma-separated, CRLF line ends, fields quoted when needed.
    case csv
    /// Tab-separated, one row a line; tabs and newlines inside fields become spaces.
    case tsv
    /// One document: see `docs/export-schema.md` (the README links it).
    case json
    /// The source's own layout: seed 000's for `params`, TensorRT-LLM's tables for the others.
    case markdown = "md"

    /// The usual file extension.
    public var fileExtension: String { rawValue }
}

/// Writes a matrix (already restricted to a selection) in an ``ExportFormat``.
///
/// ```swift
/// let csv = MatrixExporter.export(matrix.restricted(toRows: keys, columns: columns), as: .csv)
/// ```
public enum MatrixExporter {
    /// - Parameters:
    ///   - generatedAt: the time written into seed 000's "Last updated" line (`2026-02-04 14:04`);
    ///     empty keeps the line the imported document had.
    ///   - live: live verdicts written beside the imported statuses (`docs/export-schema.md`);
    ///     with none, the output is exactly what it was before live tests existed.
    ///   - excerpt: the matrix is a selection, not the whole document: Markdown says so and leaves
    ///     out the document's preamble and appendix (``isExcerpt(rows:columns:of:)``).
    public static func export(_ matrix: Matrix, as format: ExportFormat, generatedAt: String = "",
                              live: LiveVerdicts = .none, excerpt: Bool = false) -> String {
        switch format {
        case .csv: DelimitedWriter.csv(matrix, live: live)
        case .tsv: DelimitedWriter.tsv(matrix, live: live)
        case .json: MatrixJSON.encode(matrix, live: live).prettyText()
        case .markdown:
            matrix.kind == .parameters
                ? ParameterMatrixMarkdownWriter.write(matrix, generatedAt: generatedAt, live: live, excerpt: excerpt)
                : FeatureTableMarkdownWriter.write(matrix, live: live)
        }
    }

    /// Whether selected rows and columns are less than the whole matrix (then a Markdown export
    /// is an excerpt). `rows` nil: every row.
    public static func isExcerpt(rows: [String]?, columns: [String], of rowCount: Int, columnCount: Int) -> Bool {
        guard let rows else { return columns.count < columnCount }
        return Set(rows).count < rowCount || Set(columns).count < columnCount
    }
}

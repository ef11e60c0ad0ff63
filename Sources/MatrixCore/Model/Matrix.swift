/// A whole compatibility matrix: its columns, rows, footnotes and the document around it.
///
/// The bundled database holds four: `params` (seed 000), `models`, `features` and
/// `multimodal` (seed 003). Importers produce `Matrix` values; exporters write them;
/// the store persists them.
///
/// ```swift
/// let matrix = try ParameterMatrixMarkdown.parse(text, path: "matrix.md")
/// matrix.rows.filter { $0.cells["vllm"]?.status == .unsupported }.count   // 15
/// ```
public struct Matrix: Codable, Sendable, Hashable {
    /// Short stable name (`params`, `features`); what `--matrix` and `matrix:` take.
    public var name: String
    /// The heading it had in its source (`Model-Feature Support Matrix(Key Models)`).
    public var title: String
    public var kind: MatrixKind
    /// Status columns, in display order.
    public var columns: [Column]
    /// Names of the text columns between the row name and the status columns, in order.
    public var attributeNames: [String]
    /// The header of the first column (`Parameter`, `Architecture`, `Model Architecture/Feature`).
    public var rowHeader: String
    public var rows: [Row]
    public var footnotes: [Footnote]
    /// Markdown that came before the matrix in its document and that the matrix does not model
    /// (seed 000's title and blockquote), kept verbatim so an export can reproduce the document.
    public var preamble: String?
    /// Markdown after the matrix that it does not model (seed 000's "Backend Recommendations").
    public var appendix: String?
    /// Prose notes attached to the matrix as a whole (`Note: Support for other models may vary.`).
    public var notes: [String]
    public var source: SourceDocument?

    public init(name: String, title: String, kind: MatrixKind, columns: [Column] = [],
                attributeNames: [String] = [], rowHeader: String = "", rows: [Row] = [],
                footnotes: [Footnote] = [], preamble: String? = nil, appendix: String? = nil,
                notes: [String] = [], source: SourceDocument? = nil) {
        self.name = name
        self.title = title
        self.kind = kind
        self.columns = columns
        self.attributeNames = attributeNames
        self.rowHeader = rowHeader
        self.rows = rows
        self.footnotes = footnotes
        self.preamble = preamble
        self.appendix = appendix
        self.notes = notes
        self.source = source
    }

    // MARK: - Lookup

    public func row(_ key: String) -> Row? { rows.first { $0.key == key } }

    public func column(_ key: String) -> Column? { columns.first { $0.key == key } }

    /// The status of a cell; a missing cell is untested.
    public func status(row: String, column: String) -> CellStatus {
        self.row(row)?.cells[column]?.status ?? .untested
    }

    /// Sections in the order their first row appears.
    public var sections: [String] {
        var seen = Set<String>()
        return rows.compactMap(\.section).filter { seen.insert($0).inserted }
    }

    /// Where a footnote is cited: `(row, column)` pairs; column nil for the row name,
    /// row nil for a column header.
    public func citations(of label: String) -> [(row: String?, column: String?)] {
        var found: [(row: String?, column: String?)] = []
        for column in columns where column.footnotes.contains(label) { found.append((nil, column.key)) }
        for row in rows {
            if row.footnotes.contains(label) { found.append((row.key, nil)) }
            for column in columns where row.cells[column.key]?.footnotes.contains(label) == true {
                found.append((row.key, column.key))
            }
            for attribute in row.attributes where attribute.footnotes.contains(label) {
                found.append((row.key, attribute.name))
            }
        }
        return found
    }
}

/// What a matrix's rows and columns are. It decides the export layout and which tests apply.
public enum MatrixKind: String, Codable, Sendable, CaseIterable {
    /// Rows are parameter settings, columns are backends (seed 000).
    case parameters
    /// Rows are model architectures, text columns only (TensorRT-LLM's supported-models table).
    case models
    /// Rows are model architectures, columns are serving features.
    case features
}

/// A row of a matrix: a parameter (`vllm.block_size=8`) or a model architecture.
///
/// ```swift
/// Row(key: "vllm.block_size=8", section: "vLLM-specific",
///     cells: ["vllm": Cell(status: .unsupported, note: "Error: No common block size for 8. ")])
/// ```
public struct Row: Codable, Sendable, Hashable, Identifiable {
    /// The row's name as the source wrote it, without backticks and footnote markers.
    public var key: String
    /// The section heading the row sits under (`Quantization`), or nil in a table without sections.
    public var section: String?
    /// Text columns of the row (`Model`, `HuggingFace Example`, `Modality`), in matrix order.
    public var attributes: [Attribute]
    /// Status cells by column key. A column with no cell here is untested for this row.
    public var cells: CellMap
    /// Notes that belong to the row but to no column.
    public var notes: [String]
    /// Labels of footnotes cited next to the row's name.
    public var footnotes: [String]

    public var id: String { key }

    /// The longest row name an import accepts, in UTF-8 bytes: a name is a parameter or a model,
    /// and a 10 MB one made `list` print 1.18 GB (issue 14, D13).
    public static let maximumKeyBytes = 1024

    public init(key: String, section: String? = nil, attributes: [Attribute] = [],
                cells: CellMap = [:], notes: [String] = [], footnotes: [String] = []) {
        self.key = key
        self.section = section
        self.attributes = attributes
        self.cells = cells
        self.notes = notes
        self.footnotes = footnotes
    }

    /// The value of the named attribute, if the row has it.
    public func attribute(_ name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }
}

/// A text column's value in one row. A cell can hold several values
/// (`Llama 3.1, Llama 3, Llama 2, LLaMA`; several HuggingFace examples), kept apart.
public struct Attribute: Codable, Sendable, Hashable {
    /// The column header (`HuggingFace Example`).
    public var name: String
    /// The values, in source order. `Modality` values are spelled out (`Language`, `Image`).
    public var values: [String]
    /// The cell's text exactly as the source wrote it (`L + I + V`).
    public var literal: String
    /// Footnotes cited in the cell.
    public var footnotes: [String]

    public init(name: String, values: [String], literal: String? = nil, footnotes: [String] = []) {
        self.name = name
        self.values = values
        self.literal = literal ?? values.joined(separator: ", ")
        self.footnotes = footnotes
    }
}

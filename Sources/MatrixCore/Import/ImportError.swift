/// Why a document could not be imported, with the place in it: file, and line or field.
///
/// Its `description` is the message the CLI prints, for example
/// `matrix.md:24: row has 4 cells, the header has 5` or
/// `test_results_vllm.json: results[3].status: expected a string`.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line number, where the format has lines.
    public var line: Int?
    /// A JSON path (`results[3].status`) or a column name, where the format has fields.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let field { place += ": \(field)" }
        return "\(place): \(message)"
    }
}

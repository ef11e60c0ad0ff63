/// A named view: a matrix, a query, its ``GridArrangement`` (sort, hidden and moved columns,
/// widths) and the environments shown. Saved from the explorer (`W`), picked there (`v`) or
/// named on the command line (`--view NAME` for `explore`, `list` and `export`).
///
/// ```swift
/// let view = SavedView(name: "vllm-failures", matrix: "params", query: "backend:vllm status:failed",
///                      arrangement: GridArrangement(sort: RowSort(.name)))
/// view.query(adding: "fp16")   // "backend:vllm status:failed fp16"
/// ```
public struct SavedView: Sendable, Hashable, Codable {
    public var name: String
    public var matrix: String
    public var query: String
    public var arrangement: GridArrangement
    /// The environment view (`["doc", "cpu·vllm"]`); empty: the default view.
    public var environments: [String] = []

    public init(name: String, matrix: String, query: String = "", arrangement: GridArrangement = GridArrangement()) {
        self.name = name
        self.matrix = matrix
        self.query = query
        self.arrangement = arrangement
    }

    /// The view's query with more terms after it (a command line's own query).
    public func query(adding more: String?) -> String {
        [query, more ?? ""].map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A view name: letters, digits, `-`, `_`, `.`, 1…64 of them (it is typed on command lines).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }
}

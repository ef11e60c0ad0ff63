/// What a query selects in a grid: row indices and column indices, both in grid order.
public struct Selection: Sendable, Hashable {
    public var rows: [Int]
    public var columns: [Int]
    public init(rows: [Int], columns: [Int]) {
        self.rows = rows
        self.columns = columns
    }
}

extension MatrixGrid {
    /// Evaluates a query.
    ///
    /// - Parameter noteMatches: the rows whose notes contain a free word, given by the store's
    ///   full-text index; nil means "no full-text index", and free words then match row names only.
    public func select(_ query: Query, noteMatches: (String) -> Set<Int>? = { _ in nil }) -> Selection {
        fatalError("MatrixGrid.select: not implemented yet")
    }
}

/// Computes what changed between two versions of a matrix, and merges result files into one.
extension Matrix {
    /// The changes from `old` to `self`: rows and columns added or removed, each cell whose status
    /// moved. A nil `old` (first import) yields no changes.
    public func changes(since old: Matrix?) -> [MatrixChange] {
        fatalError("Matrix.changes(since:): not implemented yet")
    }

    /// This matrix with one backend's results merged in (see ``TestResults``).
    public func merging(_ results: TestResults) -> Matrix {
        fatalError("Matrix.merging: not implemented yet")
    }

    /// The same matrix restricted to the given rows and columns, in the given order.
    public func restricted(toRows rowKeys: [String], columns columnKeys: [String]) -> Matrix {
        fatalError("Matrix.restricted: not implemented yet")
    }
}

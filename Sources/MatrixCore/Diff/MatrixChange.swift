/// One difference between two versions of a matrix, as recorded by an import.
///
/// ```swift
/// MatrixChange.statusChanged(row: "vllm.block_size=8", column: "vllm", from: .unsupported, to: .supported)
/// ```
public enum MatrixChange: Codable, Sendable, Hashable {
    case rowAdded(row: String)
    case rowRemoved(row: String)
    case columnAdded(column: String)
    case columnRemoved(column: String)
    case statusChanged(row: String, column: String, from: CellStatus, to: CellStatus)

    /// A cell that went from supported to unsupported (a regression) or back (a fix).
    public var direction: Direction? {
        guard case let .statusChanged(_, _, from, to) = self else { return nil }
        if from == .supported || from == .uncertain, to == .unsupported { return .regression }
        if from == .unsupported, to == .supported || to == .uncertain { return .fix }
        return nil
    }

    public enum Direction: String, Codable, Sendable { case regression, fix }
}

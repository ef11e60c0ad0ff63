import MatrixCore

/// One line per change, as `diff` and `show` print them.
///
/// ```swift
/// ChangeText.describe(.statusChanged(row: "a=1", column: "vllm", from: .supported, to: .unsupported))
/// // "a=1 / vllm: ✅ passed → ❌ failed (regression)"
/// ```
enum ChangeText {
    static func describe(_ change: MatrixChange) -> String {
        switch change {
        case .rowAdded(let row): "row added: \(row)"
        case .rowRemoved(let row): "row removed: \(row)"
        case .columnAdded(let column): "column added: \(column)"
        case .columnRemoved(let column): "column removed: \(column)"
        case .statusChanged(let row, let column, let from, let to):
            "\(row) / \(column): \(from.symbol) \(from.queryName) → \(to.symbol) \(to.queryName)"
                + (change.direction.map { " (\($0.rawValue))" } ?? "")
        }
    }
}

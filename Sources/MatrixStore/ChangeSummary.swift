import MatrixCore

/// A one-line account of what an import changed: `3 regressions, 1 fix, 2 rows added`.
///
/// ```swift
/// ChangeSummary(changes).description   // "1 regression, 1 row added"
/// ```
public struct ChangeSummary: Sendable, Hashable, CustomStringConvertible {
    public var regressions = 0
    public var fixes = 0
    public var otherStatusChanges = 0
    public var rowsAdded = 0
    public var rowsRemoved = 0
    public var columnsAdded = 0
    public var columnsRemoved = 0

    public init(_ changes: [MatrixChange]) {
        for change in changes {
            switch change {
            case .rowAdded: rowsAdded += 1
            case .rowRemoved: rowsRemoved += 1
            case .columnAdded: columnsAdded += 1
            case .columnRemoved: columnsRemoved += 1
            case .statusChanged:
                switch change.direction {
                case .regression: regressions += 1
                case .fix: fixes += 1
                case nil: otherStatusChanges += 1
                }
            }
        }
    }

    public var description: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String? { n == 0 ? nil : "\(n) \(n == 1 ? one : many)" }
        let parts = [
            count(regressions, "regression", "regressions"), count(fixes, "fix", "fixes"),
            count(otherStatusChanges, "other status change", "other status changes"),
            count(rowsAdded, "row added", "rows added"), count(rowsRemoved, "row removed", "rows removed"),
            count(columnsAdded, "column added", "columns added"), count(columnsRemoved, "column removed", "columns removed"),
        ].compactMap { $0 }
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }
}

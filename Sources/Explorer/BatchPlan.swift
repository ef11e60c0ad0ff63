import MatrixCore

/// The cells `T` offers to test, chosen from a tab exactly as the CLI's `test --all` chooses them
/// (``BatchCell/cells(grid:selection:backend:model:device:timeout:)``), plus the question that
/// asks for confirmation.
///
/// Marked cells are tested one by one; otherwise the marked rows (or, with nothing marked, every
/// row the filter shows): on a parameter matrix in the cursor's backend column, on a feature
/// matrix × every visible feature column, served by the feature backend (`b` cycles it; PyTorch first).
///
/// ```swift
/// let plan = try BatchPlan.make(for: state.tab).get()
/// plan.question   // "Test 4 cells on pytorch? y/n"
/// ```
public struct BatchPlan: Sendable, Hashable {
    public var matrix: String
    /// The backends the cells run on, in first-use order (`pytorch`).
    public var backends: [String]
    public var cells: [BatchCell]
    /// What was picked: `the 4 rows matching the filter`, `2 marked rows`, `3 marked cells`.
    public var scope: String
    /// The Ray cluster the batch runs on (``ExplorerState/rayAddress``); nil: this machine's workers.
    public var rayAddress: String?

    public init(matrix: String, cells: [BatchCell], scope: String) {
        self.matrix = matrix
        self.cells = cells
        self.scope = scope
        var seen: [String] = []
        for cell in cells where !seen.contains(cell.request.backend) { seen.append(cell.request.backend) }
        backends = seen
    }

    /// `Test 45 cells on pytorch? y/n`, `Test 45 cells on pytorch (Ray at local)? y/n`
    public var question: String {
        "Test \(cells.count) \(cells.count == 1 ? "cell" : "cells") on \(backends.joined(separator: ", "))"
            + (rayAddress.map { " (Ray at \($0))" } ?? "") + "? y/n"
    }

    // MARK: - Choosing the cells

    /// The plan for a tab, or why there is nothing to test (shown in the status line).
    public static func make(for tab: TabState, featureBackend: String = LiveTarget.defaultFeatureBackend)
        -> Result<BatchPlan, BatchPlanError> {
        let grid = tab.grid
        guard grid.kind != .models else { return .failure(BatchPlanError("This matrix has no status cells to test")) }
        let cells: [BatchCell]
        let scope: String
        if !tab.markedCells.isEmpty {
            let order = Dictionary(tab.selection.rows.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let picked = tab.markedCells.sorted {
                (order[$0.row] ?? Int.max, $0.row, $0.column) < (order[$1.row] ?? Int.max, $1.row, $1.column)
            }
            cells = BatchCell.cells(grid: grid, picked: picked.map { (row: $0.row, column: $0.column) },
                                    featureBackend: featureBackend)
            scope = "\(picked.count) marked \(picked.count == 1 ? "cell" : "cells")"
        } else {
            let rows: [Int]
            if tab.markedRows.isEmpty {
                rows = tab.selection.rows
                scope = tab.filterText.isEmpty ? "all \(rows.count.counted("row"))" : "the \(rows.count.counted("row")) matching the filter"
            } else {
                rows = tab.selection.rows.filter(tab.markedRows.contains) + tab.markedRows.subtracting(tab.selection.rows).sorted()
                scope = "\(rows.count) marked \(rows.count == 1 ? "row" : "rows")"
            }
            switch grid.kind {
            case .parameters:
                guard let column = tab.currentStatusColumn else {
                    return .failure(BatchPlanError("Move the cursor onto a backend column (or mark cells) to batch-test"))
                }
                cells = BatchCell.cells(grid: grid, selection: Selection(rows: rows, columns: [column]),
                                        backend: grid.columns[column].key)
            default:
                cells = BatchCell.cells(grid: grid, selection: Selection(rows: rows, columns: tab.selection.columns),
                                        backend: featureBackend)
            }
        }
        guard !cells.isEmpty else { return .failure(BatchPlanError("Nothing to test: the view has no cells")) }
        return .success(BatchPlan(matrix: grid.name, cells: cells, scope: scope))
    }
}

/// Why `T` has nothing to test.
public struct BatchPlanError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The cells whose verdicts differ between two environments, each labelled regression, fix or
/// differs (``VerdictComparison``) with both sides' reasons: what `infermatrix compare A B` prints.
///
/// ```swift
/// let diff = EnvironmentComparison(grid: params, rows: selection.rows, columns: selection.columns,
///                                  table: table, from: h100Torch, to: cpuTorch)
/// diff.cells.map(\.comparison.label)    // ["differs (CPU build)", …]
/// diff.count(.regression)               // what --fail-on regression gates on
/// ```
public struct EnvironmentComparison: Sendable {
    /// One cell that differs.
    public struct Cell: Sendable, Hashable {
        public var row: String
        public var column: String
        public var from: CellStatus
        public var to: CellStatus
        public var comparison: VerdictComparison
        /// The deciding runs' reasons (a document has none: its cell note, if any).
        public var fromReason: String
        public var toReason: String
    }

    public var from: Environment
    public var to: Environment
    public var cells: [Cell]

    /// - Parameters:
    ///   - grid: the imported grid (the document's statuses); rows and columns index it.
    ///   - table: the matrix's verdicts (``VerdictRule``).
    ///   - notes: a document cell's note (the reason it gives), looked up only for listed cells.
    public init(grid: MatrixGrid, rows: [Int], columns: [Int], table: CellVerdicts, from: Environment, to: Environment,
                notes: (_ row: String, _ column: String) -> String? = { _, _ in nil }) {
        self.from = from
        self.to = to
        var cells: [Cell] = []
        for row in rows {
            let rowKey = grid.rowKeys[row]
            for column in columns {
                let columnKey = grid.columns[column].key
                let backend = CellAddress.documentBackend(kind: grid.kind, column: columnKey)
                func side(_ environment: Environment) -> (CellStatus, String)? {
                    if environment.isDocument {
                        return (grid.status(row: row, column: column), "")
                    }
                    guard let verdict = table.verdicts(row: rowKey, column: columnKey).first(where: { $0.environment == environment }),
                          let run = verdict.run, let status = run.status.cellStatus else { return nil }
                    return (status, run.reason)
                }
                guard let a = side(from), let b = side(to),
                      let comparison = VerdictComparison(from: (from, a.0), to: (to, b.0), backend: backend) else { continue }
                cells.append(Cell(row: rowKey, column: columnKey, from: a.0, to: b.0, comparison: comparison,
                                  fromReason: from.isDocument ? (notes(rowKey, columnKey) ?? "") : a.1,
                                  toReason: to.isDocument ? (notes(rowKey, columnKey) ?? "") : b.1))
            }
        }
        self.cells = cells
    }

    public func count(_ change: VerdictChange) -> Int {
        cells.reduce(0) { $0 + ($1.comparison.change == change ? 1 : 0) }
    }
}

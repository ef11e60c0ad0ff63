/// The live verdict every cell shows in one view of one matrix, keyed by row and column: what the
/// grid overlay, `show` and the exports write beside the imported statuses (`docs/export-schema.md`).
///
/// ```swift
/// let live = LiveVerdicts(runs: try store.allRuns(matrix: "params"), matrix: params)
/// live["vllm.block_size=16", "vllm"]?.environmentName   // "cpu·vllm 0.32"
/// ```
public struct LiveVerdicts: Sendable, Hashable {
    /// Row key → column key → verdict.
    public private(set) var cells: [String: [String: LiveVerdict]]

    /// No live results: exports look exactly as they did before live tests existed.
    public static let none = LiveVerdicts(cells: [:])

    init(cells: [String: [String: LiveVerdict]]) {
        self.cells = cells
    }

    /// Each cell's verdict in the view (``CellVerdicts/shown(row:column:owner:in:)``).
    ///
    /// - Parameters:
    ///   - environment: the chosen environment, or `nil`: the latest decisive verdict among the
    ///     environments of the backend the document speaks for in each column.
    ///   - names: unique environment names (``EnvironmentIndex``); the short names without.
    ///   - ownersOnly: for a grid overlay, only the verdicts of the backend whose claim the
    ///     document states in each column (a PyTorch run never replaces TensorRT-LLM's claim);
    ///     exports, which write live verdicts beside the document's statuses, take any backend.
    ///   - imported: the imported status of a cell, or `nil` when the matrix has no such row or
    ///     column (those verdicts are left out).
    public init(table: CellVerdicts, kind: MatrixKind, document: Environment, environment: Environment? = nil,
                names: EnvironmentIndex? = nil, ownersOnly: Bool = false,
                imported: (_ row: String, _ column: String) -> CellStatus?) {
        var cells: [String: [String: LiveVerdict]] = [:]
        for (row, column) in table.cellKeys {
            guard let status = imported(row, column) else { continue }
            let owner = ownersOnly ? CellAddress.documentBackend(kind: kind, column: column) : nil
            guard let shown = table.shown(row: row, column: column, owner: owner, in: environment),
                  let verdict = LiveVerdict(verdict: shown, imported: status, document: document,
                                            environmentName: names?.name(of: shown.environment),
                                            history: table.change(of: shown)) else { continue }
            cells[row, default: [:]][column] = verdict
        }
        self.cells = cells
    }

    /// Over a whole matrix (its cells give the imported statuses, its preamble the document).
    public init(runs: [LiveRun], matrix: Matrix, environment: Environment? = nil) {
        let rows = Dictionary(matrix.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = Set(matrix.columns.map(\.key))
        let table = CellVerdicts(runs: runs.filter { $0.request.matrix == matrix.name })
        self.init(table: table, kind: matrix.kind, document: .document(kind: matrix.kind, preamble: matrix.preamble),
                  environment: environment, names: EnvironmentIndex(table.environments)) { row, column in
            guard let found = rows[row], columns.contains(column) else { return nil }
            return found.cells[column]?.status ?? .untested
        }
    }

    // MARK: - Lookup

    public subscript(row: String, column: String) -> LiveVerdict? {
        cells[row]?[column]
    }

    public var isEmpty: Bool { cells.isEmpty }

    /// Only the given rows and columns (`nil`: all of them), as a selection exports them.
    public func restricted(toRows rows: [String]?, columns: [String]?) -> LiveVerdicts {
        let rowSet = rows.map(Set.init), columnSet = columns.map(Set.init)
        var kept: [String: [String: LiveVerdict]] = [:]
        for (row, verdicts) in cells where rowSet?.contains(row) ?? true {
            let filtered = verdicts.filter { columnSet?.contains($0.key) ?? true }
            if !filtered.isEmpty { kept[row] = filtered }
        }
        return LiveVerdicts(cells: kept)
    }
}

/// The live verdict of every cell that has one, keyed by row and column, for one matrix: what
/// exports write beside the imported statuses (`docs/export-schema.md`).
///
/// ```swift
/// let live = LiveVerdicts(runs: try store.latestRuns(matrix: "params"), matrix: params)
/// live["vllm.block_size=8", "vllm"]?.contradicts   // true when a live run passed
/// ```
public struct LiveVerdicts: Sendable, Hashable {
    /// Row key → column key → verdict.
    public private(set) var cells: [String: [String: LiveVerdict]]

    /// No live results: exports look exactly as they did before live tests existed.
    public static let none = LiveVerdicts(cells: [:])

    init(cells: [String: [String: LiveVerdict]]) {
        self.cells = cells
    }

    /// The latest non-error run per cell (by start time) of `matrixName`'s runs.
    ///
    /// - Parameter imported: the imported status of a cell, or `nil` when the matrix has no such
    ///   row or column (those runs are left out).
    public init(runs: [LiveRun], matrixName: String, imported: (_ row: String, _ column: String) -> CellStatus?) {
        var cells: [String: [String: LiveVerdict]] = [:]
        for run in runs where run.request.matrix == matrixName {
            let row = run.request.row, column = run.request.columnKey
            guard let status = imported(row, column), let verdict = LiveVerdict(run: run, imported: status) else { continue }
            if let seen = cells[row]?[column], seen.run.startedAt >= run.startedAt { continue }
            cells[row, default: [:]][column] = verdict
        }
        self.cells = cells
    }

    /// Over a whole matrix (its cells give the imported statuses).
    public init(runs: [LiveRun], matrix: Matrix) {
        let rows = Dictionary(matrix.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = Set(matrix.columns.map(\.key))
        self.init(runs: runs, matrixName: matrix.name) { row, column in
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

import GRDB
import MatrixCore

/// Live runs in an InferMatrix database: record them, list a cell's, and load a grid showing them.
///
/// ```swift
/// try store.recordRun(liveRun)
/// let grid = try store.loadLiveGrid("params")     // imported statuses overlaid with live verdicts
/// ```
extension MatrixDatabase {
    /// The run tables over this database's pool.
    public var runStore: RunStore { RunStore(pool) }

    /// Records a finished run with its checks in one transaction; returns its id.
    @discardableResult
    public func recordRun(_ run: LiveRun) throws(StoreError) -> Int64 {
        do { return try runStore.recordRun(run) } catch {
            throw StoreError(path: path, message: "could not record the live run", context: "\(error)")
        }
    }

    /// A cell's runs (every column of the row when `column` is nil), newest first.
    public func runs(matrix: String, row: String, column: String? = nil) throws(StoreError) -> [LiveRun] {
        do { return try runStore.runs(matrix: matrix, row: row, column: column) } catch {
            throw StoreError(path: path, message: "could not read live runs", context: "\(error)")
        }
    }

    /// The latest verdict per cell of a matrix (error runs skipped).
    public func latestRuns(matrix: String) throws(StoreError) -> [LiveRun] {
        do { return try runStore.latestRuns(matrix: matrix) } catch {
            throw StoreError(path: path, message: "could not read live runs", context: "\(error)")
        }
    }

    /// The runs of the selected cells of a matrix (every row or column when nil), oldest first,
    /// error runs included: what `infermatrix export --runs` writes.
    ///
    /// ```swift
    /// let file = RunsFile(runs: try store.runs(matrix: "params", rows: ["streaming=True"], columns: nil))
    /// ```
    public func runs(matrix: String, rows: [String]?, columns: [String]?) throws(StoreError) -> [LiveRun] {
        let rowSet = rows.map(Set.init), columnSet = columns.map(Set.init)
        do {
            return try runStore.allRuns(matrix: matrix).filter { run in
                (rowSet?.contains(run.request.row) ?? true) && (columnSet?.contains(run.request.columnKey) ?? true)
            }
        } catch {
            throw StoreError(path: path, message: "could not read live runs", context: "\(error)")
        }
    }

    /// The latest verdict of each cell of a matrix, beside the imported statuses, for exports.
    /// Cheap when there are no runs: the grid is only loaded when some exist.
    public func liveVerdicts(_ name: String) throws(StoreError) -> LiveVerdicts {
        let runs = try latestRuns(matrix: name)
        guard !runs.isEmpty else { return .none }
        let grid = try loadGrid(name)
        let rows = Dictionary(grid.rowKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = Dictionary(grid.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        return LiveVerdicts(runs: runs, matrixName: name) { row, column in
            guard let row = rows[row], let column = columns[column] else { return nil }
            return grid.status(row: row, column: column)
        }
    }

    /// ``loadGrid(_:)`` with the latest live verdicts applied (``applyLiveResults(to:runs:)``).
    public func loadLiveGrid(_ name: String) throws(StoreError) -> MatrixGrid {
        var grid = try loadGrid(name)
        applyLiveResults(to: &grid, runs: try latestRuns(matrix: name))
        return grid
    }
}

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

    /// ``loadGrid(_:)`` with the latest live verdicts applied (``applyLiveResults(to:runs:)``).
    public func loadLiveGrid(_ name: String) throws(StoreError) -> MatrixGrid {
        var grid = try loadGrid(name)
        applyLiveResults(to: &grid, runs: try latestRuns(matrix: name))
        return grid
    }
}

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

    /// Every cell's verdict in every environment of a matrix's runs (``VerdictRule``).
    public func verdictTable(_ name: String) throws(StoreError) -> CellVerdicts {
        do { return CellVerdicts(runs: try runStore.allRuns(matrix: name)) } catch {
            throw StoreError(path: path, message: "could not read live runs", context: "\(error)")
        }
    }

    /// The environment of a matrix's imported claims (`document, GPU, 2026-02` for seed 000).
    public func documentEnvironment(_ name: String) throws(StoreError) -> Environment {
        try read { db in
            let row = try GRDB.Row.fetchOne(db, sql: "SELECT kind, preamble FROM matrix WHERE name = ?", arguments: [name])
            guard let row, let kind = MatrixKind(rawValue: row["kind"]) else {
                throw StoreError(path: path, message: "has no matrix \(name)")
            }
            return Environment.document(kind: kind, preamble: row["preamble"])
        }
    }

    /// The environments a matrix's view can name — its document and every recorded run's —
    /// under the names every command uses (``environmentIndex(aliases:)``).
    public func environmentIndex(_ name: String, aliases: [String: String] = [:]) throws(StoreError) -> EnvironmentIndex {
        let document = try documentEnvironment(name)
        return EnvironmentIndex([document] + (try environments()).map(\.environment).filter { !$0.isDocument }, aliases: aliases)
    }

    /// The live verdict each cell of a matrix shows in one view, beside the imported statuses:
    /// `environment`'s, or without one the latest decisive verdict of the backend the document
    /// speaks for in each column. Cheap when there are no runs: the grid is only loaded when some exist.
    ///
    /// - Parameter forGrid: only the verdicts that may stand in a grid's column (``LiveVerdicts``'s
    ///   `ownersOnly`); exports write any backend's beside the document's statuses.
    public func liveVerdicts(_ name: String, environment: Environment? = nil, forGrid: Bool = false) throws(StoreError) -> LiveVerdicts {
        let table = try verdictTable(name)
        guard !table.isEmpty else { return .none }
        let grid = try loadGrid(name)
        let rows = Dictionary(grid.rowKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = Dictionary(grid.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        let document = try documentEnvironment(name)
        return LiveVerdicts(table: table, kind: grid.kind, document: document, environment: environment,
                            names: try environmentIndex(name), ownersOnly: forGrid) { row, column in
            guard let row = rows[row], let column = columns[column] else { return nil }
            return grid.status(row: row, column: column)
        }
    }

    /// ``loadGrid(_:)`` with one view's live verdicts applied (``applyLiveResults(to:verdicts:)``).
    public func loadLiveGrid(_ name: String, environment: Environment? = nil) throws(StoreError) -> MatrixGrid {
        var grid = try loadGrid(name)
        applyLiveResults(to: &grid, verdicts: try liveVerdicts(name, environment: environment, forGrid: true))
        return grid
    }
}

import Explorer
import Foundation
import MatrixCore
import MatrixStore

/// The explorer's data over the user's SQLite database: grids for the tabs (with the latest live
/// verdicts, so `status:`/`changed:` filters and the counts see them), one row at a time for the
/// detail pane (with the cell's runs), FTS5 for free words, exports of exactly the requested rows,
/// and recording live runs.
///
/// ```swift
/// let source = StoreDataSource(store: try MatrixDatabase.openOrCreate(path: path))
/// let grids = try source.grids()
/// ```
struct StoreDataSource: ExplorerDataSource {
    let store: MatrixDatabase
    /// Tabs open on the document beside this machine's environment (`--start-view mine`).
    var opensOnThisMachine = true

    func grids() throws -> [MatrixGrid] {
        try store.matrices().map { summary throws(StoreError) in try store.loadLiveGrid(summary.name) }
    }

    func grid(matrix: String) throws -> MatrixGrid {
        try store.loadLiveGrid(matrix)
    }

    func importedGrid(matrix: String) throws -> MatrixGrid {
        try store.loadGrid(matrix)
    }

    func environmentNames(matrix: String) throws -> [String] {
        let index = try store.environmentIndex(matrix, aliases: try EnvironmentAliases.load())
        let ran = Set(try store.verdictTable(matrix).environments)
        return index.environments.filter { ran.contains($0) }.map(index.name(of:))
    }

    func startEnvironments(matrix: String) throws -> [String] {
        let mine = opensOnThisMachine ? try store.thisMachineEnvironments(matrix) : []
        guard !mine.isEmpty else { return [] }
        let index = try store.environmentIndex(matrix)
        return ["doc"] + mine.map(index.name(of:))
    }

    func grid(matrix: String, environments: [String]) throws -> MatrixGrid {
        try store.view(matrix, environments: environments, aliases: try EnvironmentAliases.load()).grid
    }

    func cellDetail(matrix: String, row: String, column: String?) throws -> CellDetail {
        CellDetail(matrix: try store.loadMatrix(matrix, rows: [row]), rowKey: row, column: column,
                   runs: try runs(matrix: matrix, row: row, column: column))
    }

    // MARK: - Live runs

    func runs(matrix: String, row: String, column: String?) throws -> [LiveRun] {
        try store.runs(matrix: matrix, row: row, column: column)
    }

    func lastRunTimes(matrix: String) throws -> [String: Double] {
        RowSort.lastRunTimes(try store.runs(matrix: matrix, rows: nil, columns: nil))
    }

    func recordRun(_ run: LiveRun) throws -> LiveRun {
        var recorded = run
        recorded.id = try store.recordRun(run)
        return recorded
    }

    func noteMatches(matrix: String, word: String) -> Set<Int>? {
        try? store.noteMatches(matrix: matrix, word: word)
    }

    func exportText(_ request: ExportRequest) throws -> String {
        let whole = try store.matrices().first { $0.name == request.matrix }?.rowCount
        return request.text(of: try store.loadMatrix(request.matrix, rows: request.rowKeys), wholeRowCount: whole)
    }

    func writeExport(_ request: ExportRequest, overwrite: Bool) throws -> Int {
        try ExportFileWriter.write(try exportText(request), to: request.path, overwrite: overwrite)
        return request.rowKeys.count
    }
}

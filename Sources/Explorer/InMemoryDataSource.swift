import Foundation
import MatrixCore

/// An ``ExplorerDataSource`` over ``Matrix`` values held in memory: a stand-in for the store in
/// tests and benchmarks (production uses the store's; both build details and exports the same
/// way, through ``CellDetail/init(matrix:rowKey:column:runs:)`` and ``ExportRequest/text(of:)``).
///
/// ```swift
/// let source = InMemoryDataSource(matrices: [try ParameterMatrixMarkdown.parse(text, path: "m.md")])
/// try source.writeExport(request, overwrite: false)
/// ```
public struct InMemoryDataSource: ExplorerDataSource {
    public let matrices: [Matrix]
    /// Live runs recorded through this source (shared by its copies).
    public let runLog: InMemoryRunLog

    public init(matrices: [Matrix], runLog: InMemoryRunLog = InMemoryRunLog()) {
        self.matrices = matrices
        self.runLog = runLog
    }

    /// The grids with the recorded live verdicts applied, as the store's `loadLiveGrid` does.
    public func grids() throws -> [MatrixGrid] { try matrices.map { try grid(matrix: $0.name) } }

    public func grid(matrix name: String) throws -> MatrixGrid {
        var grid = MatrixGrid(try matrix(name))
        applyLiveResults(to: &grid, runs: runLog.runs(matrix: name))
        return grid
    }

    public func importedGrid(matrix name: String) throws -> MatrixGrid { MatrixGrid(try matrix(name)) }

    // MARK: - Environments

    public func environmentNames(matrix name: String) throws -> [String] {
        let table = CellVerdicts(runs: runLog.runs(matrix: name))
        let index = EnvironmentIndex(table.environments)
        return table.environments.map(index.name(of:))
    }

    /// Memory has no machine: tabs open in the default view.
    public func startEnvironments(matrix: String) throws -> [String] { [] }

    public func grid(matrix name: String, environments: [String]) throws -> MatrixGrid {
        let matrix = try matrix(name)
        let table = CellVerdicts(runs: runLog.runs(matrix: name))
        let document = Environment.document(kind: matrix.kind, preamble: matrix.preamble)
        return try EnvironmentView(imported: MatrixGrid(matrix), document: document, table: table,
                                   index: EnvironmentIndex([document] + table.environments), named: environments).grid
    }

    // MARK: - Live runs

    public func runs(matrix: String, row: String, column: String?) throws -> [LiveRun] {
        runLog.runs(matrix: matrix, row: row, column: column)
    }

    public func lastRunTimes(matrix: String) throws -> [String: Double] {
        RowSort.lastRunTimes(runLog.runs(matrix: matrix))
    }

    public func recordRun(_ run: LiveRun) throws -> LiveRun { runLog.record(run) }

    func matrix(_ name: String) throws -> Matrix {
        guard let matrix = matrices.first(where: { $0.name == name }) else { throw ExportWriteError.unknownMatrix(name) }
        return matrix
    }

    // MARK: - Detail

    public func cellDetail(matrix name: String, row key: String, column: String?) throws -> CellDetail {
        CellDetail(matrix: try matrix(name), rowKey: key, column: column, runs: runLog.runs(matrix: name, row: key, column: column))
    }

    /// Case-insensitive substring search over cell and row notes.
    public func noteMatches(matrix name: String, word: String) -> Set<Int>? {
        guard let matrix = try? matrix(name) else { return [] }
        let needle = word.lowercased()
        var found = Set<Int>()
        for (index, row) in matrix.rows.enumerated() {
            let hit = row.cells.values.contains { $0.note?.lowercased().contains(needle) == true }
                || row.notes.contains { $0.lowercased().contains(needle) }
            if hit { found.insert(index) }
        }
        return found
    }

    // MARK: - Export

    public func exportText(_ request: ExportRequest) throws -> String {
        request.text(of: try matrix(request.matrix))
    }

    public func writeExport(_ request: ExportRequest, overwrite: Bool) throws -> Int {
        try ExportFileWriter.write(try exportText(request), to: request.path, overwrite: overwrite)
        return request.rowKeys.count
    }
}

import Explorer
import Foundation
import MatrixCore
import MatrixStore

/// The explorer's data over the user's SQLite database: grids for the tabs, one row at a time
/// for the detail pane, FTS5 for free words, and exports of exactly the requested rows.
///
/// ```swift
/// let source = StoreDataSource(store: try MatrixDatabase.openOrCreate(path: path))
/// let grids = try source.grids()
/// ```
struct StoreDataSource: ExplorerDataSource {
    let store: MatrixDatabase

    func grids() throws -> [MatrixGrid] {
        try store.matrices().map { summary throws(StoreError) in try store.loadGrid(summary.name) }
    }

    func cellDetail(matrix: String, row: String, column: String?) throws -> CellDetail {
        let loaded = try store.loadMatrix(matrix, rows: [row])
        return try InMemoryDataSource(matrices: [loaded]).cellDetail(matrix: matrix, row: row, column: column)
    }

    func noteMatches(matrix: String, word: String) -> Set<Int>? {
        try? store.noteMatches(matrix: matrix, word: word)
    }

    func exportText(_ request: ExportRequest) throws -> String {
        let loaded = try store.loadMatrix(request.matrix, rows: request.rowKeys)
        return try InMemoryDataSource(matrices: [loaded]).exportText(request)
    }

    func writeExport(_ request: ExportRequest, overwrite: Bool) throws -> Int {
        try ExportFileWriter.write(try exportText(request), to: request.path, overwrite: overwrite)
        return request.rowKeys.count
    }
}

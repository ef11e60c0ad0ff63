import Foundation
import MatrixCore

/// An ``ExplorerDataSource`` over ``Matrix`` values held in memory: for tests, benchmarks and
/// running the explorer straight on imported files.
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

    // MARK: - Live runs

    public func runs(matrix: String, row: String, column: String?) throws -> [LiveRun] {
        runLog.runs(matrix: matrix, row: row, column: column)
    }

    public func recordRun(_ run: LiveRun) throws -> LiveRun { runLog.record(run) }

    func matrix(_ name: String) throws -> Matrix {
        guard let matrix = matrices.first(where: { $0.name == name }) else { throw ExportWriteError.unknownMatrix(name) }
        return matrix
    }

    // MARK: - Detail

    public func cellDetail(matrix name: String, row key: String, column: String?) throws -> CellDetail {
        let matrix = try matrix(name)
        guard let row = matrix.row(key) else { return CellDetail(matrix: name, rowKey: key) }
        let cell = column.flatMap { row.cells[$0] }
        var labels = row.footnotes
        if let cell { labels += cell.footnotes }
        if let column, let header = matrix.column(column) { labels += header.footnotes }
        let footnotes = labels.compactMap { label in matrix.footnotes.first { $0.label == label } }
        return CellDetail(
            matrix: name, rowKey: key, section: row.section, columnKey: column,
            columnTitle: column.flatMap { matrix.column($0)?.title },
            status: column.map { _ in cell?.status ?? .untested }, literal: cell?.literal,
            note: cell?.note, footnotes: footnotes, rowNotes: row.notes,
            attributes: row.attributes.map { "\($0.name): \($0.literal)" },
            source: matrix.source.map { "\($0.path) (\($0.format.rawValue))" },
            runs: runLog.runs(matrix: name, row: key, column: column))
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

    /// The matrix restricted to the request's rows and columns, in the request's order.
    public func restricted(_ request: ExportRequest) throws -> Matrix {
        var matrix = try matrix(request.matrix)
        let byKey = Dictionary(matrix.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let keep = Set(request.columnKeys)
        matrix.columns = request.columnKeys.compactMap { key in matrix.columns.first { $0.key == key } }
        matrix.rows = request.rowKeys.compactMap { byKey[$0] }.map { row in
            var row = row
            row.cells = row.cells.filter { keep.contains($0.key) }
            return row
        }
        return matrix
    }

    public func exportText(_ request: ExportRequest) throws -> String {
        MatrixExporter.export(try restricted(request), as: request.format)
    }

    public func writeExport(_ request: ExportRequest, overwrite: Bool) throws -> Int {
        try ExportFileWriter.write(try exportText(request), to: request.path, overwrite: overwrite)
        return request.rowKeys.count
    }
}

/// Writes export text to a file, refusing to replace an existing file unless told to.
public enum ExportFileWriter {
    public static func write(_ text: String, to path: String, overwrite: Bool) throws {
        if !overwrite && FileManager.default.fileExists(atPath: path) { throw ExportWriteError.fileExists(path: path) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ExportWriteError.failed(path: path, message: "\(error.localizedDescription)")
        }
    }
}

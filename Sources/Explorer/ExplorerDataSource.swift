import MatrixCore

/// Everything the explorer needs from storage, so the executable can serve it from SQLite
/// (`MatrixStore`) and the tests from plain ``Matrix`` values (``InMemoryDataSource``).
///
/// ```swift
/// let source = InMemoryDataSource(matrices: [params])
/// let grids = try source.grids()
/// ```
public protocol ExplorerDataSource: Sendable {
    /// One grid per matrix, in tab order.
    func grids() throws -> [MatrixGrid]
    /// Everything about one cell (or, with `column` nil, about the row) for the detail pane.
    func cellDetail(matrix: String, row: String, column: String?) throws -> CellDetail
    /// Grid row indices whose notes contain `word` (full-text); nil when there is no index.
    func noteMatches(matrix: String, word: String) -> Set<Int>?
    /// The text of an export (the clipboard uses Markdown).
    func exportText(_ request: ExportRequest) throws -> String
    /// Writes an export file; throws ``ExportWriteError/fileExists`` unless `overwrite`.
    /// Returns the number of rows written.
    func writeExport(_ request: ExportRequest, overwrite: Bool) throws -> Int

    // MARK: Live runs

    /// A cell's live runs (every column of the row when `column` is nil), newest first.
    func runs(matrix: String, row: String, column: String?) throws -> [LiveRun]
    /// Each row's latest run start in a matrix (seconds since 1970; ``RowSort/lastRunTimes(_:)``).
    func lastRunTimes(matrix: String) throws -> [String: Double]
    /// Records a finished run and returns it with its id.
    func recordRun(_ run: LiveRun) throws -> LiveRun
    /// One matrix's grid as ``grids()`` gives it: imported statuses with the latest live verdicts.
    func grid(matrix: String) throws -> MatrixGrid
    /// One matrix's grid as imported, without live verdicts: what a batch compares its results with.
    func importedGrid(matrix: String) throws -> MatrixGrid

    // MARK: Environments

    /// The names of the live environments that ran cells of `matrix` (`docs/environments.md`).
    func environmentNames(matrix: String) throws -> [String]
    /// The grid in an environment view: `["doc"]`, one environment, or several side by side.
    func grid(matrix: String, environments: [String]) throws -> MatrixGrid
    /// The view a tab opens in: the document and this machine's environment when it has runs of
    /// the matrix (`["doc", "cpu·torch 2.13"]`), else `[]` (the default view).
    func startEnvironments(matrix: String) throws -> [String]
}

/// What the detail pane shows for the cell under the cursor.
public struct CellDetail: Sendable, Hashable {
    public var matrix: String
    public var rowKey: String
    public var section: String?
    public var columnKey: String?
    /// The full column header (the grid may show an abbreviation).
    public var columnTitle: String?
    public var status: CellStatus?
    /// The cell's text as its source wrote it.
    public var literal: String?
    public var note: String?
    public var footnotes: [Footnote]
    public var rowNotes: [String]
    /// `name: value` lines of the row's text columns.
    public var attributes: [String]
    /// Where the fact came from (a file path and its format).
    public var source: String?
    /// The cell's live runs, newest first.
    public var runs: [LiveRun]

    public init(matrix: String, rowKey: String, section: String? = nil, columnKey: String? = nil,
                columnTitle: String? = nil, status: CellStatus? = nil, literal: String? = nil,
                note: String? = nil, footnotes: [Footnote] = [], rowNotes: [String] = [],
                attributes: [String] = [], source: String? = nil, runs: [LiveRun] = []) {
        self.matrix = matrix
        self.rowKey = rowKey
        self.section = section
        self.columnKey = columnKey
        self.columnTitle = columnTitle
        self.status = status
        self.literal = literal
        self.note = note
        self.footnotes = footnotes
        self.rowNotes = rowNotes
        self.attributes = attributes
        self.source = source
        self.runs = runs
    }
}

/// Exactly what to export: a matrix, its rows and columns (in display order), a format and a path.
public struct ExportRequest: Sendable, Hashable {
    public var matrix: String
    public var rowKeys: [String]
    public var columnKeys: [String]
    public var format: ExportFormat
    public var path: String

    public init(matrix: String, rowKeys: [String], columnKeys: [String], format: ExportFormat, path: String) {
        self.matrix = matrix
        self.rowKeys = rowKeys
        self.columnKeys = columnKeys
        self.format = format
        self.path = path
    }
}

/// Why an export was not written.
public enum ExportWriteError: Error, Sendable, Hashable {
    /// The file exists and overwriting was not confirmed.
    case fileExists(path: String)
    case failed(path: String, message: String)
    case unknownMatrix(String)
}

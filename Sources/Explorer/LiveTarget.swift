import MatrixCore

/// The cell a live test runs, as the explorer names it: matrix, row, column and the backend that
/// serves it. The reducer builds it from the cursor so the pane can title the run before any
/// event arrives; the app loop turns it into the engine's request.
///
/// ```swift
/// LiveTarget(grid: params, row: 4, column: 0)   // params · decoder.beam_search.num_beams=4 · pytorch
/// LiveTarget(grid: features, row: 0, column: 2) // column "chunked-prefill", backend "pytorch"
/// ```
public struct LiveTarget: Sendable, Hashable {
    /// The backend a feature matrix's cells run on unless told otherwise.
    public static let defaultFeatureBackend = "pytorch"
    /// The backends `b` cycles through for feature cells, in order.
    public static var featureBackends: [String] { Catalogue.bundled.backends.map(\.key) }

    /// The backend after `backend` in ``featureBackends`` (wrapping; an unknown one goes back to the first).
    public static func nextFeatureBackend(after backend: String) -> String {
        guard let index = featureBackends.firstIndex(of: backend) else { return defaultFeatureBackend }
        return featureBackends[(index + 1) % featureBackends.count]
    }

    public var matrix: String
    public var row: String
    /// The grid column whose cell the run decides.
    public var column: String
    /// Its title as the grid shows it (`PyTorch`, `Chunked Prefill`).
    public var columnTitle: String
    /// The system that runs it: the column itself on the parameter matrix, else the feature backend.
    public var backend: String
    /// Whether the column is the backend (the `params` matrix): the harness then takes no `--column`.
    public var columnIsBackend: Bool

    public init(matrix: String, row: String, column: String, columnTitle: String, backend: String, columnIsBackend: Bool) {
        self.matrix = matrix
        self.row = row
        self.column = column
        self.columnTitle = columnTitle
        self.backend = backend
        self.columnIsBackend = columnIsBackend
    }

    /// The target of one grid cell: on a parameter matrix the column is the backend; on the
    /// feature matrices it is the feature and the backend is `featureBackend` (`b` cycles it).
    public init(grid: MatrixGrid, row: Int, column: Int, featureBackend: String = LiveTarget.defaultFeatureBackend) {
        let header = grid.columns[column]
        let address = CellAddress(matrix: grid.name, kind: grid.kind, row: grid.rowKeys[row], column: header.key,
                                  featureBackend: featureBackend)
        self.init(matrix: grid.name, row: address.row, column: address.column, columnTitle: header.title,
                  backend: address.backend, columnIsBackend: address.columnIsBackend)
    }

    /// The engine's request for this cell (device `auto`, the default time limit).
    public var request: TestRunRequest {
        TestRunRequest(CellAddress(matrix: matrix, row: row, column: column, backend: backend))
    }
}

extension LiveTarget {
    /// The target of a batch's cell, titled as `grid` titles its column (the key when unknown).
    ///
    /// ```swift
    /// LiveTarget(cell: plan.cells[0], grid: params)   // params · streaming=True · PyTorch
    /// ```
    public init(cell: BatchCell, grid: MatrixGrid?) {
        let request = cell.request
        let title = grid?.columns.first { $0.key == request.columnKey }?.title ?? request.columnKey
        self.init(matrix: request.matrix, row: request.row, column: request.columnKey, columnTitle: title,
                  backend: request.backend, columnIsBackend: request.address.columnIsBackend)
    }
}

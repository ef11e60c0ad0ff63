/// One cell of a batch: the test to run and the status the imported matrix gives that cell,
/// so the batch's summary can compare the two.
///
/// ```swift
/// let cells = BatchCell.cells(grid: grid, selection: selection, backend: "pytorch", device: "cpu")
/// cells.first?.request.row   // "batching.batch_size=1"
/// ```
public struct BatchCell: Sendable, Hashable {
    public var request: TestRunRequest
    /// The cell's imported status (``CellStatus/untested`` when the matrix has no such column).
    public var imported: CellStatus

    public init(request: TestRunRequest, imported: CellStatus) {
        self.request = request
        self.imported = imported
    }

    /// The cells a query's selection asks a batch to test, in grid order.
    ///
    /// A parameter matrix tests each selected row in `backend`'s column (whatever columns the
    /// query selected); a feature matrix tests each selected row × each selected feature column,
    /// served by `backend`. A models matrix (text columns only) has no cells to test.
    public static func cells(grid: MatrixGrid, selection: Selection, backend: String, model: String? = nil,
                             device: String = "auto", timeout: Double = TestRunRequest.defaultTimeout) -> [BatchCell] {
        switch grid.kind {
        case .parameters:
            let column = grid.columns.firstIndex { $0.key == backend }
            return selection.rows.map { row in
                BatchCell(request: TestRunRequest(matrix: grid.name, row: grid.rowKeys[row], backend: backend,
                                                  model: model, device: device, timeout: timeout),
                          imported: column.map { grid.status(row: row, column: $0) } ?? .untested)
            }
        case .features:
            return selection.rows.flatMap { row in
                selection.columns.map { column in
                    cell(grid: grid, row: row, column: column, backend: backend, model: model, device: device, timeout: timeout)
                }
            }
        case .models:
            return []
        }
    }

    /// The cells a person picked one by one (the explorer's marked cells), in the order given.
    ///
    /// On a parameter matrix each cell runs on its own column's backend; on a feature matrix each
    /// cell is its row × feature column, served by `featureBackend`. Text-only matrices give none.
    ///
    /// ```swift
    /// BatchCell.cells(grid: params, picked: [(row: 4, column: 1)], featureBackend: "pytorch")  // row 4 on vllm
    /// ```
    public static func cells(grid: MatrixGrid, picked: [(row: Int, column: Int)], featureBackend: String,
                             model: String? = nil, device: String = "auto",
                             timeout: Double = TestRunRequest.defaultTimeout) -> [BatchCell] {
        guard grid.kind != .models else { return [] }
        return picked.map { pick in
            cell(grid: grid, row: pick.row, column: pick.column, backend: featureBackend, model: model,
                 device: device, timeout: timeout)
        }
    }

    /// One cell: a parameter row on the column's backend, or an architecture × feature column
    /// served by `backend` (``CellAddress`` decides which).
    static func cell(grid: MatrixGrid, row: Int, column: Int, backend: String, model: String?, device: String,
                     timeout: Double) -> BatchCell {
        let address = CellAddress(matrix: grid.name, kind: grid.kind, row: grid.rowKeys[row],
                                  column: grid.columns[column].key, featureBackend: backend)
        return BatchCell(request: TestRunRequest(address, model: model, device: device, timeout: timeout),
                         imported: grid.status(row: row, column: column))
    }

    /// The same cell compared with another grid of its matrix (the imported one, when the cell was
    /// chosen on a grid that shows live verdicts); ``CellStatus/untested`` where that grid lacks it.
    ///
    /// ```swift
    /// let cell = picked.importedStatus(from: try store.loadGrid("params"))
    /// ```
    public func importedStatus(from grid: MatrixGrid) -> BatchCell {
        var cell = self
        if let row = grid.rowKeys.firstIndex(of: request.row),
           let column = grid.columns.firstIndex(where: { $0.key == request.columnKey }) {
            cell.imported = grid.status(row: row, column: column)
        } else {
            cell.imported = .untested
        }
        return cell
    }

    /// `decoder.beam_search.num_beams=4` (params) or `Qwen3MoeForCausalLM × kv-cache-reuse`.
    public var name: String {
        request.column.map { "\(request.row) × \($0)" } ?? request.row
    }
}

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
                    BatchCell(request: TestRunRequest(matrix: grid.name, row: grid.rowKeys[row], column: grid.columns[column].key,
                                                      backend: backend, model: model, device: device, timeout: timeout),
                              imported: grid.status(row: row, column: column))
                }
            }
        case .models:
            return []
        }
    }

    /// `decoder.beam_search.num_beams=4` (params) or `Qwen3MoeForCausalLM × kv-cache-reuse`.
    public var name: String {
        request.column.map { "\(request.row) × \($0)" } ?? request.row
    }
}

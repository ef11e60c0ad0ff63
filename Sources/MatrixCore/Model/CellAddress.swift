/// The one name of a cell: matrix, row, column and the backend whose verdict it holds.
///
/// On a parameter matrix the column *is* the backend (`params × vllm.block_size=16 × vllm`); on a
/// feature matrix the column is a feature and the backend is whoever serves it (TensorRT-LLM for
/// the supported-models page's claims, PyTorch or vLLM for live runs). This type is the one home of
/// that rule: ``init(matrix:row:column:backend:)`` fills the column from the backend when it is
/// missing, and ``requestColumn`` gives it back as `nil` when it is the backend.
///
/// ```swift
/// CellAddress(matrix: "params", row: "streaming=True", backend: "vllm").column   // "vllm"
/// CellAddress(matrix: "features", row: "Qwen3MoeForCausalLM", column: "kv-cache-reuse", backend: "pytorch")
/// ```
public struct CellAddress: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var matrix: String
    public var row: String
    /// The column key: a backend on a parameter matrix, a feature on a feature matrix.
    public var column: String
    /// The backend whose verdict the cell holds.
    public var backend: String

    /// - Parameter column: `nil` means "the backend's own column" (the parameter matrix).
    public init(matrix: String, row: String, column: String? = nil, backend: String) {
        self.matrix = matrix
        self.row = row
        self.column = column ?? backend
        self.backend = backend
    }

    /// The cell of a matrix of `kind` at `column`, run by `featureBackend` where the column is a
    /// feature (on a parameter matrix the column itself is the backend).
    ///
    /// ```swift
    /// CellAddress(matrix: "params", kind: .parameters, row: "streaming=True", column: "vllm", featureBackend: "pytorch").backend  // "vllm"
    /// ```
    /// A side-by-side sub-column (`vllm@cpu-vllm-0.32`) names its column's cell.
    public init(matrix: String, kind: MatrixKind, row: String, column: String, featureBackend: String) {
        let column = MatrixGrid.splitSubColumnKey(column).column
        self.init(matrix: matrix, row: row, column: column, backend: kind == .parameters ? column : featureBackend)
    }

    /// The backend whose claim an imported document states in `column`: the column itself on a
    /// parameter matrix (seed 000), TensorRT-LLM on the supported-models page.
    public static func documentBackend(kind: MatrixKind, column: String) -> String {
        kind == .parameters ? column : Environment.featureDocumentBackend
    }

    /// Whether the column is the backend's own (the parameter matrix's rule).
    public var columnIsBackend: Bool { column == backend }

    /// The column as a request or a runs file writes it: `nil` when it is the backend.
    public var requestColumn: String? { columnIsBackend ? nil : column }

    /// `params/streaming=True/vllm`, or `features/Qwen3MoeForCausalLM/kv-cache-reuse (pytorch)`.
    public var description: String {
        "\(matrix)/\(row)/\(column)" + (columnIsBackend ? "" : " (\(backend))")
    }

    public static func < (lhs: CellAddress, rhs: CellAddress) -> Bool {
        (lhs.matrix, lhs.row, lhs.column, lhs.backend) < (rhs.matrix, rhs.row, rhs.column, rhs.backend)
    }
}

extension TestRunRequest {
    /// The cell this run decides.
    public var address: CellAddress {
        CellAddress(matrix: matrix, row: row, column: column, backend: backend)
    }

    /// A request for the cell at `address` (its column dropped when it is the backend's own).
    public init(_ address: CellAddress, model: String? = nil, device: String = "auto",
                timeout: Double = TestRunRequest.defaultTimeout) {
        self.init(matrix: address.matrix, row: address.row, column: address.requestColumn,
                  backend: address.backend, model: model, device: device, timeout: timeout)
    }
}

/// What one live test runs: a cell of a matrix, on a backend, with an optional model and device.
///
/// For the `params` matrix the column is the backend; for the feature matrices ``column`` is the
/// feature's column key and ``backend`` the system that serves it (see `docs/PROTOCOL.md`).
///
/// ```swift
/// TestRunRequest(matrix: "params", row: "decoder.beam_search.num_beams=4", backend: "pytorch")
/// TestRunRequest(matrix: "features", row: "Qwen3MoeForCausalLM", column: "kv-cache-reuse", backend: "pytorch")
/// ```
public struct TestRunRequest: Sendable, Hashable {
    /// The default time limit of one run: ten minutes.
    public static let defaultTimeout: Double = 600
    /// The longest time limit accepted: 30 days (`inf`, `1e308` would overflow the clock's integers).
    public static let maximumTimeout: Double = 30 * 24 * 3600

    /// Why `seconds` is no time limit (`--timeout`, `--worker-idle`), or `nil` when it is one.
    ///
    /// ```swift
    /// TestRunRequest.problem(withSeconds: .infinity)   // "must be a finite number of seconds, at most 2592000"
    /// ```
    public static func problem(withSeconds seconds: Double) -> String? {
        guard seconds.isFinite, seconds > 0, seconds <= maximumTimeout else {
            return "must be a positive, finite number of seconds, at most \(Int(maximumTimeout)) (30 days)"
        }
        return nil
    }

    public var matrix: String
    public var row: String
    /// The column key; `nil` means the backend's own column (the `params` matrix).
    public var column: String?
    public var backend: String
    /// A local checkpoint path or a hub id; `nil` lets the harness build a tiny offline model.
    public var model: String?
    /// `auto`, `cpu` or `cuda`.
    public var device: String
    /// Seconds before the engine kills the run and reports an error.
    public var timeout: Double

    public init(matrix: String, row: String, column: String? = nil, backend: String,
                model: String? = nil, device: String = "auto", timeout: Double = TestRunRequest.defaultTimeout) {
        self.matrix = matrix
        self.row = row
        self.column = column
        self.backend = backend
        self.model = model
        self.device = device
        self.timeout = timeout
    }

    /// The column whose cell this run decides (``CellAddress`` holds the rule).
    public var columnKey: String { address.column }
}

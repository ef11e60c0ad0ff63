/// Every cell's verdict in every environment of one matrix's runs, with the honest labels.
///
/// Built once from the recorded runs by ``VerdictRule``; the grid overlay, `show`, `list`,
/// `compare` and the exports all read it.
///
/// ```swift
/// let table = CellVerdicts(runs: try store.allRuns(matrix: "params"))
/// table.verdicts(row: "vllm.block_size=16", column: "vllm")   // one per environment
/// table.shown(row: "vllm.block_size=16", column: "vllm", owner: "vllm", in: nil)?.run?.status
/// ```
public struct CellVerdicts: Sendable {
    struct Key: Hashable { var row: String; var column: String }
    private var cells: [Key: [CellVerdict]]
    /// Every environment with at least one run, sorted.
    public let environments: [Environment]

    public init(runs: [LiveRun]) {
        self.init(verdicts: VerdictRule.verdicts(of: runs))
    }

    public init(verdicts: [CellVerdict]) {
        var cells: [Key: [CellVerdict]] = [:]
        var environments = Set<Environment>()
        for verdict in verdicts {
            cells[Key(row: verdict.address.row, column: verdict.address.column), default: []].append(verdict)
            environments.insert(verdict.environment)
        }
        self.cells = cells
        self.environments = environments.sorted()
    }

    public static let empty = CellVerdicts(verdicts: [])

    public var isEmpty: Bool { cells.isEmpty }

    /// All verdicts of a cell (every backend and environment that ran it), sorted by environment.
    public func verdicts(row: String, column: String) -> [CellVerdict] {
        cells[Key(row: row, column: column)] ?? []
    }

    /// Every (row, column) that has a verdict.
    public var cellKeys: [(row: String, column: String)] {
        cells.keys.map { ($0.row, $0.column) }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    /// Every verdict of one environment, in any order.
    public func verdicts(in environment: Environment) -> [CellVerdict] {
        cells.values.flatMap { $0.filter { $0.environment == environment } }
    }

    // MARK: - What a single view shows

    /// The verdict a cell shows in one view.
    ///
    /// - Parameters:
    ///   - owner: the backend whose claim the document states in this column (the column itself
    ///     on a parameter matrix, TensorRT-LLM on the supported-models page). Without a chosen
    ///     environment only that backend's runs can stand in a grid's column: a PyTorch run never
    ///     changes TensorRT-LLM's claim. `nil`: any backend (exports, which keep the document's
    ///     statuses and write live verdicts beside them).
    ///   - environment: the chosen environment (any backend), or `nil` for the latest decisive
    ///     verdict among the owner's environments.
    public func shown(row: String, column: String, owner: String?, in environment: Environment?) -> CellVerdict? {
        let candidates = verdicts(row: row, column: column).filter { verdict in
            guard verdict.run != nil else { return false }
            if let environment { return verdict.environment == environment }
            return owner.map { verdict.address.backend == $0 } ?? true
        }
        return candidates.max { a, b in VerdictRule.isLater(b.run!, than: a.run!) }
    }

    // MARK: - Regressions and fixes

    /// Regression or fix of `verdict` against the previous decisive result on the same backend
    /// and device class: the environment's own earlier run, or the latest verdict of the newest
    /// older engine version there — whichever ran last. `nil` when nothing comparable precedes it
    /// or the results agree.
    public func change(of verdict: CellVerdict) -> VerdictComparison? {
        guard let run = verdict.run, let status = run.status.cellStatus else { return nil }
        var previous: [(Environment, LiveRun)] = verdict.earlier.prefix(1).map { (verdict.environment, $0) }
        let older = verdicts(row: verdict.address.row, column: verdict.address.column).filter { other in
            other.run != nil && other.address.backend == verdict.address.backend
                && VerdictComparison.sameLine(other.environment, verdict.environment)
                && Environment.compareEngines(other.environment.engine, verdict.environment.engine) < 0
        }
        if let newestOlder = older.max(by: { Environment.compareEngines($0.environment.engine, $1.environment.engine) < 0 }) {
            previous.append((newestOlder.environment, newestOlder.run!))
        }
        guard let before = previous.max(by: { VerdictRule.isLater($1.1, than: $0.1) }),
              let beforeStatus = before.1.status.cellStatus,
              let comparison = VerdictComparison(from: (before.0, beforeStatus), to: (verdict.environment, status)),
              comparison.change != .differs else { return nil }
        return comparison
    }
}

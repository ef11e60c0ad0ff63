/// The verdict of one cell in one environment, with its timeline.
///
/// ```swift
/// let verdicts = VerdictRule.verdicts(of: runs)
/// verdicts[0].run?.status      // .passed: the latest passed/failed/uncertain run decides
/// verdicts[0].attempts.count   // skipped and error runs, shown, never deciding
/// ```
public struct CellVerdict: Sendable, Hashable {
    public var address: CellAddress
    public var environment: Environment
    /// The deciding run: the environment's latest decisive run of the cell; `nil` when every run
    /// was skipped or broke.
    public var run: LiveRun?
    /// The decisive runs before ``run``, newest first.
    public var earlier: [LiveRun]
    /// Skipped and error runs of the cell in this environment, newest first.
    public var attempts: [LiveRun]

    public init(address: CellAddress, environment: Environment, run: LiveRun?, earlier: [LiveRun] = [], attempts: [LiveRun] = []) {
        self.address = address
        self.environment = environment
        self.run = run
        self.earlier = earlier
        self.attempts = attempts
    }

    /// The cell status the deciding run stands for; `nil` without one.
    public var status: CellStatus? { run?.status.cellStatus }
}

/// The one rule for a cell's verdict in an environment: **the latest decisive run** (passed,
/// failed, uncertain) of that environment. Skipped and error runs never replace a verdict; they are
/// kept as attempts. The store, the grid, `show`, `list` and every export call this.
///
/// ```swift
/// // passed at 10:00, skipped at 11:00 → passed (the skip is an attempt)
/// VerdictRule.verdicts(of: [passed, skippedLater]).first?.run?.status   // .passed
/// ```
public enum VerdictRule {
    /// Whether a run of this status decides a cell: passed, failed, uncertain.
    public static func decides(_ status: LiveRunStatus) -> Bool {
        status.cellStatus != nil
    }

    /// Later start wins; at the same start the higher database id (the later recorded) wins.
    public static func isLater(_ run: LiveRun, than other: LiveRun) -> Bool {
        if run.startedAt != other.startedAt { return run.startedAt > other.startedAt }
        return (run.id ?? .min) > (other.id ?? .min)
    }

    /// Every (cell, environment) with at least one run, sorted by cell then environment.
    ///
    /// - Parameter runs: in any order; at equal start time and id the later in the array is later.
    public static func verdicts(of runs: [LiveRun]) -> [CellVerdict] {
        struct Key: Hashable { var address: CellAddress; var environment: Environment }
        var groups: [Key: [(offset: Int, run: LiveRun)]] = [:]
        for (offset, run) in runs.enumerated() {
            groups[Key(address: run.request.address, environment: Environment(run: run)), default: []].append((offset, run))
        }
        var verdicts: [CellVerdict] = []
        verdicts.reserveCapacity(groups.count)
        for (key, group) in groups {
            let newestFirst = group.sorted { a, b in
                if isLater(a.run, than: b.run) { return true }
                if isLater(b.run, than: a.run) { return false }
                return a.offset > b.offset
            }.map(\.run)
            let decisive = newestFirst.filter { decides($0.status) }
            verdicts.append(CellVerdict(address: key.address, environment: key.environment, run: decisive.first,
                                        earlier: Array(decisive.dropFirst()),
                                        attempts: newestFirst.filter { !decides($0.status) }))
        }
        return verdicts.sorted { ($0.address, $0.environment) < ($1.address, $1.environment) }
    }
}

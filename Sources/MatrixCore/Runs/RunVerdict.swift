/// The engine's verdict of a finished run (decision 3 of the team's DECISIONS.md; README "Verdicts"):
/// the harness proposes, the engine decides from what the run actually said.
///
/// ```swift
/// let effect = LiveRunCheck(name: "beam differs from greedy", passed: true, evidence: "…", kind: .effect)
/// RunVerdict.decide(results: [.init(status: .passed, reason: "1 check passed")], checks: [effect], exitStatus: 0)
/// // RunVerdict(status: .passed, reason: "1 check passed")
/// RunVerdict.decide(results: [.init(status: .passed, reason: "ok")], checks: [], exitStatus: 0)
/// // .uncertain: "the harness said passed, but no check ran: …"
/// ```
///
/// passed ⇔ the harness exited 0 (or a warm worker answered) ∧ exactly one `result` ∧ it says
/// passed ∧ ≥ 1 check ∧ every check passed and was readable ∧ ≥ 1 check of kind effect.
/// A failed check makes the run failed whatever the harness said (unless it said skipped or
/// error: a run that did not test stands as it is). `data/verdict-cases.json` holds the cases this
/// rule and harness/verdict.py must agree on; both test suites read it.
public struct RunVerdict: Sendable, Hashable {
    public var status: LiveRunStatus
    public var reason: String

    public init(status: LiveRunStatus, reason: String) {
        self.status = status
        self.reason = reason
    }

    /// Why a run whose checks all passed is still `uncertain` (the same words as harness/verdict.py).
    public static let noEffect = "no check observed the parameter's effect"
    /// Why a run without checks is `uncertain` (harness/verdict.py's NO_ORACLE).
    public static let noOracle = "the run finished without an oracle that could tell"

    /// The verdict, or `nil` when the harness sent no `result` (the engine's own account of how it
    /// ended, a timeout, a signal, a crash, then says why: ``LiveRunRecorder``).
    ///
    /// - Parameters:
    ///   - results: every `result` event of the run, in order.
    ///   - checks: every readable `check` event.
    ///   - malformedChecks: `check` events that could not be read (a missing `passed`, say).
    ///   - exitStatus: the harness's exit status when it exited by itself (`0` for a warm worker
    ///     that answered); `nil` when it was killed (signal, time limit, cancellation).
    public static func decide(results: [RunVerdict], checks: [LiveRunCheck], malformedChecks: Int = 0,
                              exitStatus: Int32?) -> RunVerdict? {
        guard let said = results.first else { return nil }
        if results.count > 1 {
            return RunVerdict(status: .error, reason: "the harness sent \(results.count) results ("
                              + results.map(\.status.rawValue).joined(separator: ", ") + "); exactly one decides")
        }
        guard let exitStatus else {
            return RunVerdict(status: .error, reason: "the harness was killed after its result (\(said.status.rawValue): \(said.reason))")
        }
        if exitStatus != 0 {
            return RunVerdict(status: .error, reason: "the harness exited with status \(exitStatus) after its result "
                              + "(\(said.status.rawValue): \(said.reason))")
        }
        switch said.status {
        case .skipped, .error, .failed:
            return said
        case .passed, .uncertain:
            break
        }
        let overruled = said.status == .passed ? "the harness said passed, but " : ""
        let failed = checks.filter { !$0.passed }.map(\.name)
        if !failed.isEmpty {
            return RunVerdict(status: .failed, reason: "check failed: " + failed.joined(separator: ", "))
        }
        guard said.status == .passed else { return said }
        if malformedChecks > 0 {
            return RunVerdict(status: .uncertain, reason: overruled + "\(malformedChecks) check event"
                              + (malformedChecks == 1 ? " was" : "s were") + " unreadable")
        }
        if checks.isEmpty {
            return RunVerdict(status: .uncertain, reason: overruled + "no check ran: " + noOracle)
        }
        if !checks.contains(where: { $0.kind == .effect }) {
            let legacy = checks.contains { $0.kind == nil } ? " (checks without a kind count as evidence)" : ""
            return RunVerdict(status: .uncertain, reason: overruled + noEffect + legacy)
        }
        return said
    }

    /// A run recorded earlier (a runs file, an imported run) read under the rule: its status as
    /// recorded, unless its checks no longer support it. A `passed` run whose checks carry no kind
    /// (recorded under the old rule, before checks declared it) or none of kind effect reads
    /// `uncertain`, saying so; nothing else changes.
    ///
    /// ```swift
    /// let old = LiveRunCheck(name: "greedy reproduces", passed: true, evidence: "identical", kind: nil)
    /// RunVerdict.recorded(status: .passed, reason: "2 checks passed", checks: [old])
    /// // .uncertain: "recorded under the old rule as passed (2 checks passed): no check observed …"
    /// ```
    public static func recorded(status: LiveRunStatus, reason: String, checks: [LiveRunCheck]) -> RunVerdict {
        let said = RunVerdict(status: status, reason: reason)
        guard status == .passed, let verdict = decide(results: [said], checks: checks, exitStatus: 0),
              verdict.status != .passed else { return said }
        let why = verdict.reason.replacingOccurrences(of: "the harness said passed, but ", with: "")
        let era = checks.contains { $0.kind == nil } ? "recorded under the old rule as passed" : "recorded as passed"
        return RunVerdict(status: verdict.status, reason: "\(era) (\(reason)): \(why)")
    }

    /// `run` with its status and reason as ``recorded(status:reason:checks:)`` reads them.
    public static func reread(_ run: LiveRun) -> LiveRun {
        var run = run
        let verdict = recorded(status: run.status, reason: run.reason, checks: run.checks)
        (run.status, run.reason) = (verdict.status, verdict.reason)
        return run
    }
}

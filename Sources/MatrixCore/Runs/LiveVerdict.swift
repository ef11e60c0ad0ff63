/// The live result a cell shows in one view, beside the status the imported document gives, so
/// exports can carry both without losing either — and the environment it is true for.
///
/// ```swift
/// let verdict = live["vllm.block_size=16", "vllm"]!
/// verdict.environmentName               // "cpu·vllm 0.32"
/// verdict.againstDocument?.label        // "differs (CPU build)" — never a regression
/// ```
public struct LiveVerdict: Sendable, Hashable {
    /// The cell's verdict in its environment (``VerdictRule``); its run is never skipped or error.
    public var verdict: CellVerdict
    /// The deciding run.
    public var run: LiveRun
    /// The status the imported document gives the cell.
    public var imported: CellStatus
    /// The document's environment (`document, GPU, 2026-02`).
    public var document: Environment
    /// The environment's unique name in its database (`h100·torch 2.11`).
    public var environmentName: String
    /// Regression or fix against the previous result on the same backend and device class.
    public var history: VerdictComparison?

    /// `nil` when the verdict has no deciding run.
    public init?(verdict: CellVerdict, imported: CellStatus, document: Environment, environmentName: String? = nil,
                 history: VerdictComparison? = nil) {
        guard let run = verdict.run, run.status.cellStatus != nil else { return nil }
        self.verdict = verdict
        self.run = run
        self.imported = imported
        self.document = document
        self.environmentName = environmentName ?? verdict.environment.name
        self.history = history
    }

    public var environment: Environment { verdict.environment }

    /// The cell status the run's verdict stands for (`passed → supported`).
    public var status: CellStatus { run.status.cellStatus ?? imported }

    /// How the live verdict relates to the document's: always *differs* (another environment),
    /// with why (`CPU build`, `pytorch vs tensorrt`); `nil` when they agree or either is untested.
    public var againstDocument: VerdictComparison? {
        VerdictComparison(from: (document, imported), to: (environment, status), backend: verdict.address.backend)
    }

    /// The label a person reads: `regression`/`fix` (same backend and device class over time),
    /// else `differs (…)` from the document, else `nil`.
    public var label: String? { history?.label ?? againstDocument?.label }

    /// Where it ran: the GPU's name, else the CPU's, else the device (`cpu`, `cuda`).
    public var deviceName: String {
        run.environment.gpuName ?? run.environment.cpuName ?? run.environment.device ?? run.request.device
    }
}

// MARK: - JSON

extension LiveVerdict {
    /// The `live` object of a cell in the JSON export and in `show --format json`: the verdict,
    /// when, in which environment and where it ran, and how it relates to the document.
    ///
    /// ```swift
    /// verdict.jsonValue["environment"]   // .string("cpu·vllm 0.32")
    /// verdict.jsonValue["change"]        // .string("differs")
    /// ```
    public var jsonValue: JSONValue {
        let change = history ?? againstDocument
        return .object([
            "status": .string(status.queryName),
            "verdict": .string(run.status.rawValue),
            "startedAt": .string(RunTimestamp.format(run.startedAt)),
            "backend": .string(run.request.backend),
            "environment": .string(environmentName),
            "environmentKey": .string(environment.key),
            "device": .string(deviceName),
            "host": .string(run.environment.host),
            "reason": .string(run.reason),
            "change": change.map { .string($0.change.rawValue) } ?? .null,
            "changeDetail": change.map { .string($0.detail) } ?? .null,
        ])
    }
}

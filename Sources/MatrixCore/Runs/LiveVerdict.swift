/// The live result a cell shows: the latest run that reached a verdict, beside the status the
/// imported document gives, so exports can carry both without losing either.
///
/// ```swift
/// let verdict = LiveVerdict(run: run, imported: .supported)
/// verdict.status        // .unsupported (the run failed)
/// verdict.contradicts   // true: a regression
/// ```
public struct LiveVerdict: Sendable, Hashable {
    /// The run that decided (never an `error` run).
    public var run: LiveRun
    /// The status the imported document gives the cell.
    public var imported: CellStatus

    /// `nil` for an `error` run, which decides nothing.
    public init?(run: LiveRun, imported: CellStatus) {
        guard run.status.cellStatus != nil else { return nil }
        self.run = run
        self.imported = imported
    }

    /// The cell status the run's verdict stands for (`passed → supported`, `skipped → untested`).
    public var status: CellStatus { run.status.cellStatus ?? imported }

    /// The live status says it works and the import says it does not, or the other way round.
    public var contradicts: Bool { liveResult(status, contradicts: imported) }

    /// Where it ran: the GPU's name, else the CPU's, else the device (`cpu`, `cuda`).
    public var deviceName: String {
        run.environment.gpuName ?? run.environment.cpuName ?? run.environment.device ?? run.request.device
    }

    /// A short device name for tight places (Markdown notes): `NVIDIA H100 80GB HBM3` → `H100`,
    /// `NVIDIA GeForce RTX 4090` → `RTX 4090`; a CPU run is `cpu`.
    public var shortDeviceName: String {
        guard let gpu = run.environment.gpuName else { return run.environment.device ?? "cpu" }
        var words = gpu.split(separator: " ").map(String.init)
        while let first = words.first, ["NVIDIA", "GeForce", "Tesla"].contains(first), words.count > 1 { words.removeFirst() }
        // Memory size and memory type describe the board, not the chip: stop at `80GB`.
        if let memory = words.firstIndex(where: { $0.hasSuffix("GB") && $0.first?.isNumber == true }), memory > 0 {
            words = Array(words[..<memory])
        }
        return words.joined(separator: " ")
    }
}

// MARK: - JSON

extension LiveVerdict {
    /// The `live` object of a cell in the JSON export and in `show --format json`: the verdict,
    /// when and where it ran, and whether it contradicts the imported status.
    ///
    /// ```swift
    /// verdict.jsonValue["contradicts"]   // .bool(true)
    /// ```
    public var jsonValue: JSONValue {
        .object([
            "status": .string(status.queryName),
            "verdict": .string(run.status.rawValue),
            "startedAt": .string(RunTimestamp.format(run.startedAt)),
            "backend": .string(run.request.backend),
            "device": .string(deviceName),
            "host": .string(run.environment.host),
            "reason": .string(run.reason),
            "contradicts": .bool(contradicts),
        ])
    }
}

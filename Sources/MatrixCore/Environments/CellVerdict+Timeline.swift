/// A cell's verdict in one environment as people and programs read it: one timeline line, or a
/// JSON object (`show --format json`, `compare --format json`).
///
/// ```swift
/// verdict.timelineLine(name: "cpu·vllm 0.32")
/// // "cpu·vllm 0.32: ❌ failed 2026-11-30T22:10:04.120Z (vllm 0.32.0) — No common block size for 16; 1 attempt (skipped)"
/// ```
extension CellVerdict {
    public func timelineLine(name: String) -> String {
        var line = "\(name): "
        if let run, let status = run.status.cellStatus {
            line += "\(status.symbol) \(run.status.rawValue) \(RunTimestamp.format(run.startedAt))"
            line += " (\(environment.engine.map { "\($0.package) \($0.version)" }.joined(separator: ", ")))"
            let reason = run.reason.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
            if !reason.isEmpty { line += " — " + String(reason.prefix(100)) }
            if !earlier.isEmpty { line += "; before: " + earlier.prefix(3).map { $0.status.rawValue }.joined(separator: ", ") }
        } else {
            line += "no verdict"
        }
        if !attempts.isEmpty {
            line += "; \(attempts.count) attempt\(attempts.count == 1 ? "" : "s") ("
                + Array(Set(attempts.map(\.status.rawValue))).sorted().joined(separator: ", ") + ")"
        }
        return line
    }

    public func jsonValue(name: String) -> JSONValue {
        .object([
            "environment": .string(name),
            "environmentKey": .string(environment.key),
            "status": run?.status.cellStatus.map { .string($0.queryName) } ?? .null,
            "verdict": run.map { .string($0.status.rawValue) } ?? .null,
            "startedAt": run.map { .string(RunTimestamp.format($0.startedAt)) } ?? .null,
            "reason": run.map { .string($0.reason) } ?? .null,
            "earlier": .array(earlier.map { .object(["verdict": .string($0.status.rawValue),
                                                      "startedAt": .string(RunTimestamp.format($0.startedAt))]) }),
            "attempts": .array(attempts.map { .object(["verdict": .string($0.status.rawValue),
                                                        "startedAt": .string(RunTimestamp.format($0.startedAt)),
                                                        "reason": .string($0.reason)]) }),
        ])
    }
}

// MARK: - Since which version

extension CellVerdict {
    /// "passes since vllm 0.26.0 on H200"-style lines for one cell's verdicts: per backend and
    /// device class with two or more engine versions, the oldest version from which every newer
    /// one agrees with the newest verdict.
    ///
    /// ```swift
    /// CellVerdict.sinceLines(table.verdicts(row: "vllm.block_size=16", column: "vllm"))
    /// // ["passes since vllm 0.26.0 on H200 (0.9.2 failed)"]
    /// ```
    public static func sinceLines(_ verdicts: [CellVerdict]) -> [String] {
        let live = verdicts.filter { $0.status != nil && !$0.environment.isDocument }
        let lines = Dictionary(grouping: live) { "\($0.address.backend)|\($0.environment.deviceClass ?? "?")" }
        var out: [String] = []
        for key in lines.keys.sorted() {
            let line = lines[key]!.sorted { Environment.compareEngines($0.environment.engine, $1.environment.engine) < 0 }
            guard line.count >= 2, let newest = line.last, let status = newest.status else { continue }
            var start = line.count - 1
            while start > 0, line[start - 1].status == status { start -= 1 }
            let from = line[start].environment
            let word = status == .supported ? "passes" : status == .unsupported ? "fails" : "is uncertain"
            let package = from.engine.first.map { "\($0.package) \($0.version)" } ?? "?"
            var text = "\(word) since \(package) on \(from.deviceClass ?? "?")"
            if start > 0, let before = line[start - 1].status, let version = line[start - 1].environment.engine.first?.version {
                text += " (\(version) \(before == .supported ? "passed" : before == .unsupported ? "failed" : "uncertain"))"
            }
            out.append(text)
        }
        return out
    }
}

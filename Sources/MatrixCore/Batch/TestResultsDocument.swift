import Foundation

/// Writes live runs as the benchmarking tool's own `test_results_<backend>.json`
/// (`shared/reference/results-format.md`), so a batch's file can be read by the same tools, and
/// by our importer (``TestResultsJSON``) back into the same cells.
///
/// Mapping: `passed` → status `passed`, validation `VERIFIED` (our oracles passed); `uncertain` →
/// `passed`, `UNVERIFIED`; `failed` → `failed` with the reason as `error_summary`; `skipped` →
/// `skipped` with the reason. An `error` run (the harness broke) says nothing about the cell, so
/// it is left out of `results` (an import keeps the cell as it was) and listed under `errors`
/// and `failed_tests`. `parameter_value` is typed as the row key spells it: `True`/`False` →
/// booleans, `4` / `0.7` → numbers (written exactly as in the key), other text → strings, a
/// bare row → `null`.
///
/// ```swift
/// let text = TestResultsDocument(backend: "pytorch", runID: "b1", timestamp: "2026-03-01T10:00:00Z", runs: runs).text
/// try TestResultsJSON.parse(Array(text.utf8), path: "test_results_pytorch.json")   // the same rows back
/// ```
public struct TestResultsDocument: Sendable {
    public var backend: String
    public var runID: String
    public var timestamp: String
    /// Runs of the `params` matrix, in order; other matrices' runs are left out.
    public var runs: [LiveRun]

    public init(backend: String, runID: String, timestamp: String, runs: [LiveRun]) {
        self.backend = backend
        self.runID = runID
        self.timestamp = timestamp
        self.runs = runs.filter { $0.request.matrix == "params" }
    }

    /// The file's JSON text (sorted keys, two-space indentation).
    public var text: String { value.prettyText() }

    public var value: JSONValue {
        let verdicts = runs.filter { $0.status != .error }
        let errors = runs.filter { $0.status == .error }
        let summary: [String: JSONValue] = [
            "total": Self.integer(verdicts.count),
            "passed": Self.integer(verdicts.count { $0.status == .passed || $0.status == .uncertain }),
            "verified": Self.integer(verdicts.count { $0.status == .passed }),
            "unverified": Self.integer(verdicts.count { $0.status == .uncertain }),
            "failed": Self.integer(verdicts.count { $0.status == .failed }),
            "skipped": Self.integer(verdicts.count { $0.status == .skipped }),
            "errors": Self.integer(errors.count),
        ]
        let results = verdicts.map(Self.result)
        let warnings = verdicts.flatMap(Self.warnings)
        var byType: [String: Int] = [:]
        for warning in warnings { byType[Self.warningType(warning), default: 0] += 1 }
        let failed = runs.filter { $0.status == .failed || $0.status == .error }.map { run -> JSONValue in
            let (parameter, value) = Self.parameter(run.request.row)
            return .object(["config_name": .string(Self.configName(run.request.row)), "parameter_varied": .string(parameter),
                            "parameter_value": value, "status": .string(run.status.rawValue),
                            "error_summary": .string(run.reason)])
        }
        return .object([
            "run_id": .string(runID),
            "timestamp": .string(timestamp),
            "backend": .string(backend),
            "summary": .object(summary),
            "results": .array(results),
            "failed_tests": .array(failed),
            "warnings_by_type": .object(byType.mapValues(Self.integer)),
            "baseline_metrics": .null,
            "errors": .array(errors.map { .object(["row": .string($0.request.row), "reason": .string($0.reason)]) }),
            "generator": .string("infermatrix test --all (live harness)"),
        ])
    }

    // MARK: - One result

    static func result(_ run: LiveRun) -> JSONValue {
        let (parameter, value) = parameter(run.request.row)
        let stderr = run.log.filter { $0.hasPrefix("[stderr] ") }.map { String($0.dropFirst("[stderr] ".count)) }
        let stdout = run.log.filter { !$0.hasPrefix("[stderr] ") }
        let traceback = run.log.lazy.compactMap { line -> String? in
            guard let range = line.range(of: "Traceback (most recent call last)") else { return nil }
            return String(line[range.lowerBound...])
        }.first
        let validation: JSONValue
        switch run.status {
        case .skipped, .error:
            validation = .null
        case .passed, .uncertain, .failed:
            let evidence = run.checks.map { "\($0.passed ? "✓" : "✗") \($0.name): \($0.evidence)" }.joined(separator: "\n")
            let state = run.status == .passed ? "VERIFIED" : run.status == .uncertain ? "UNVERIFIED" : "FAILED"
            validation = .object([
                "param_applied": .bool(run.status != .failed && !run.parameters.isEmpty),
                "param_evidence": evidence.isEmpty ? .null : .string(evidence),
                // No baseline run is compared against: whether metrics moved is not known.
                "behavior_changed": .null,
                "metric_delta": .object([:]),
                "validation_status": .string(state),
                "reason": .string(run.reason),
                "checks": .array(run.checks.map { .object(["name": .string($0.name), "passed": .bool($0.passed),
                                                          "evidence": .string($0.evidence)]) }),
            ])
        }
        let status: String
        switch run.status {
        case .passed, .uncertain: status = "passed"
        case .failed: status = "failed"
        case .skipped, .error: status = "skipped"
        }
        return .object([
            "config_name": .string(configName(run.request.row)),
            "config_path": .string("infermatrix:\(run.request.matrix)/\(run.request.row)"),
            "parameter_varied": .string(parameter),
            "parameter_value": value,
            "status": .string(status),
            "exit_code": integer(0),
            "elapsed_seconds": .number(String(format: "%.3f", max(run.duration, 0))),
            "warnings": .array(warnings(run).map(JSONValue.string)),
            "error_summary": run.status == .failed || run.status == .skipped ? .string(run.reason) : .null,
            "stdout": .string(stdout.joined(separator: "\n")),
            "stderr": .string(stderr.joined(separator: "\n")),
            "traceback": traceback.map(JSONValue.string) ?? .null,
            "validation": validation,
            "device": run.environment.device.map(JSONValue.string) ?? .null,
            "model": run.model.map(JSONValue.string) ?? .null,
        ])
    }

    /// `decoder.beam_search.num_beams=4` → (`decoder.beam_search.num_beams`, 4); `streaming` → (`streaming`, null).
    public static func parameter(_ row: String) -> (String, JSONValue) {
        guard let equals = row.firstIndex(of: "=") else { return (row, .null) }
        let name = String(row[..<equals])
        let text = String(row[row.index(after: equals)...])
        switch text {
        case "True": return (name, .bool(true))
        case "False": return (name, .bool(false))
        default: return (name, isJSONNumber(text) ? .number(text) : .string(text))
        }
    }

    /// `decoder.beam_search.num_beams=4` → `decoder_beam_search_num_beams_4`.
    static func configName(_ row: String) -> String {
        var name = ""
        for scalar in row.unicodeScalars {
            let keep = (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) && scalar.isASCII
            if keep { name.unicodeScalars.append(scalar) } else if !name.hasSuffix("_") { name += "_" }
        }
        return name
    }

    /// Python warnings the harness logged (`UserWarning: … (file.py:12)`).
    static func warnings(_ run: LiveRun) -> [String] {
        run.log.filter { $0.range(of: #"\b[A-Z][A-Za-z]*Warning\b"#, options: .regularExpression) != nil }
    }

    static func warningType(_ warning: String) -> String {
        warning.range(of: #"\b[A-Z][A-Za-z]*Warning\b"#, options: .regularExpression).map { String(warning[$0]) } ?? "Warning"
    }

    /// A JSON number literal (`-0.5`, `16`, `1e-05`), so it can be written as it stands.
    static func isJSONNumber(_ text: String) -> Bool {
        text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil
    }

    static func integer(_ value: Int) -> JSONValue { .number(String(value)) }
}

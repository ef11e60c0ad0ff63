import Foundation

/// A file of recorded live runs with their whole environment, so runs made on one machine (a GPU
/// box) can be committed, shared and imported elsewhere: `{"format": "infermatrix-runs",
/// "version": 1, "runs": [run…]}` (`docs/import-formats.md` describes every field).
///
/// ```swift
/// let text = RunsFile(runs: try store.runs(matrix: "params", row: "streaming=True")).encoded()
/// let back = try RunsFile.decode(Array(text.utf8), path: "h100.runs.json").runs
/// ```
///
/// Writing is deterministic (sorted keys, two-space indentation, times in UTC milliseconds), so a
/// committed runs file diffs cleanly and the bundled database built from it is reproducible.
public struct RunsFile: Sendable, Hashable {
    /// The value of the top-level `format` key that marks a runs file.
    public static let format = "infermatrix-runs"
    /// The version this InferMatrix writes and reads.
    public static let version = 1

    /// In file order. Database ids are not part of the file: runs read back have `id == nil`.
    public var runs: [LiveRun]

    public init(runs: [LiveRun]) {
        self.runs = runs
    }

    // MARK: - Writing

    /// The whole file as pretty JSON text ending in a newline.
    public func encoded() -> String {
        JSONValue.object([
            "format": .string(Self.format),
            "version": .number(String(Self.version)),
            "runs": .array(runs.map(Self.encode)),
        ]).prettyText()
    }

    /// One run as a recorded run's JSON object, as `show --format json` and `test --format json`
    /// print it: the runs-file object with the database `id` (`null` when it was not recorded).
    ///
    /// ```swift
    /// RunsFile.encodeRecorded(run)["id"]   // .number("12")
    /// ```
    public static func encodeRecorded(_ run: LiveRun) -> JSONValue {
        guard case .object(var members) = encode(run) else { return encode(run) }
        members["id"] = run.id.map { .number(String($0)) } ?? .null
        return .object(members)
    }

    /// One run as its JSON object: the one serialisation of a run (runs files, exports, `show`
    /// and `test --format json`).
    public static func encode(_ run: LiveRun) -> JSONValue {
        let request = run.request, environment = run.environment
        return .object([
            "request": .object([
                "matrix": .string(request.matrix),
                "row": .string(request.row),
                "column": optional(request.column),
                "backend": .string(request.backend),
                "model": optional(request.model),
                "device": .string(request.device),
                "timeout": number(request.timeout),
            ]),
            "environment": .object([
                "host": .string(environment.host),

                "device": optional(environment.device),
                "cpuName": optional(environment.cpuName),
                "gpuName": optional(environment.gpuName),
                "driver": optional(environment.driver),
                "cuda": optional(environment.cuda),
                "harness": optional(environment.harness),
                "versions": .object(environment.versions.mapValues(JSONValue.string)),
            ].merging(placement(environment)) { kept, _ in kept }),
            "startedAt": .string(RunTimestamp.format(run.startedAt)),
            "endedAt": .string(RunTimestamp.format(run.endedAt)),
            "status": .string(run.status.rawValue),
            "reason": .string(run.reason),
            "parameters": .object(run.parameters.mapValues(value)),
            "model": optional(run.model),
            "checks": .array(run.checks.map { check in
                var members: [String: JSONValue] = ["name": .string(check.name), "passed": .bool(check.passed), "evidence": .string(check.evidence)]
                if let kind = check.kind { members["kind"] = .string(kind.rawValue) }     // absent: recorded before kinds
                return .object(members)
            }),
            "metrics": .array(run.metrics.map { metric in
                .object(["name": .string(metric.name), "value": number(metric.value), "unit": .string(metric.unit)])
            }),
            "energy": run.energy.map(energy) ?? .null,
            "log": .array(run.log.map(JSONValue.string)),
        ])
    }

    // MARK: - Values

    /// The energy object; the above-idle figures only where the idle power was measured, so runs
    /// recorded before it keep their exact text.
    static func energy(_ energy: LiveRunEnergy) -> JSONValue {
        var fields: [String: JSONValue] = ["joules": number(energy.joules),
                                           "tokensPerJoule": energy.tokensPerJoule.map(number) ?? .null]
        if let idle = energy.idleWatts {
            fields["idleWatts"] = number(idle)
            fields["aboveIdleJoules"] = energy.aboveIdleJoules.map(number) ?? .null
            fields["tokensPerJouleAboveIdle"] = energy.tokensPerJouleAboveIdle.map(number) ?? .null
        }
        return .object(fields)
    }

    /// A number as JSON text: whole numbers without `.0`, others in Swift's shortest exact form;
    /// infinities and NaN (which JSON cannot hold) become `null`.
    static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int64(value))) }
        return .number(String(value))
    }

    /// `node` and `gpuIndex` of a run on a Ray cluster; absent (not null) for local runs, so
    /// files written before them read and write the same.
    static func placement(_ environment: LiveRunEnvironment) -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        if let node = environment.node { members["node"] = .string(node) }
        if let gpuIndex = environment.gpuIndex { members["gpuIndex"] = .string(gpuIndex) }
        return members
    }

    static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    static func value(_ value: LiveRunValue) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let double): number(double)
        case .string(let text): .string(text)
        case .array(let values): .array(values.map(Self.value))
        case .object(let members): .object(members.mapValues(Self.value))
        }
    }
}

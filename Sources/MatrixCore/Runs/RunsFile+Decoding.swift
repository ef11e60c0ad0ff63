import Foundation

/// Reading a runs file back, with errors that name the file and the field path
/// (`h100.runs.json: runs[2].status: unknown status "maybe" (expected passed, failed, …)`).
///
/// ```swift
/// let file = try RunsFile.decode(bytes, path: "data/runs/h100.runs.json")
/// file.runs.count
/// ```
extension RunsFile {
    /// - Throws: ``ImportError`` when the bytes are not JSON, the `format` or `version` is not
    ///   this one, or a run lacks a required field or has one of the wrong type.
    public static func decode(_ bytes: [UInt8], path: String) throws(ImportError) -> RunsFile {
        try decode(try JSONValue.parse(bytes, file: path), path: path)
    }

    /// Whether a parsed JSON document says it is a runs file (its `format` key), whatever its name.
    public static func isRunsFile(_ document: JSONValue) -> Bool {
        document["format"] == .string(format)
    }

    static func decode(_ document: JSONValue, path: String) throws(ImportError) -> RunsFile {
        let reader = RunsFieldReader(path: path)
        guard case .object = document else { throw ImportError(file: path, message: "expected a runs object {\"format\": \"\(format)\", …}") }
        let name = try reader.string(document["format"], "format")
        guard name == format else { throw reader.fail("format", "expected \"\(format)\", found \"\(name)\"") }
        guard case .number(let versionText)? = document["version"] else { throw reader.fail("version", "expected a number") }
        guard Int(versionText) == version else {
            throw reader.fail("version", "unsupported version \(versionText) (this InferMatrix reads version \(version))")
        }
        var runs: [LiveRun] = []
        for (index, element) in try reader.array(document["runs"], "runs").enumerated() {
            runs.append(try reader.run(element, "runs[\(index)]"))
        }
        return RunsFile(runs: runs)
    }
}

/// Typed field access over ``JSONValue`` that throws ``ImportError`` with the field's path.
struct RunsFieldReader {
    var path: String

    func fail(_ field: String, _ message: String) -> ImportError {
        ImportError(file: path, field: field, message: message)
    }

    // MARK: - A run

    func run(_ value: JSONValue, _ place: String) throws(ImportError) -> LiveRun {
        guard case .object = value else { throw fail(place, "expected a run object") }
        let request = try self.request(value["request"], "\(place).request")
        let environment = try self.environment(value["environment"], "\(place).environment")
        let statusName = try string(value["status"], "\(place).status")
        guard let status = LiveRunStatus(rawValue: statusName) else {
            throw fail("\(place).status", "unknown status \"\(statusName)\" (expected "
                       + LiveRunStatus.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        var parameters: [String: LiveRunValue] = [:]
        if let members = try object(value["parameters"], "\(place).parameters") {
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                parameters[key] = try liveValue(member, "\(place).parameters.\(key)")
            }
        }
        var checks: [LiveRunCheck] = []
        for (index, check) in try array(value["checks"] ?? .array([]), "\(place).checks").enumerated() {
            let field = "\(place).checks[\(index)]"
            guard case .bool(let passed)? = check["passed"] else { throw fail("\(field).passed", "expected true or false") }
            var kind: CheckKind?
            if let name = try optionalString(check["kind"], "\(field).kind") {
                guard let known = CheckKind(rawValue: name) else {
                    throw fail("\(field).kind", "unknown check kind \"\(name)\" (expected "
                               + CheckKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                }
                kind = known
            }
            checks.append(LiveRunCheck(name: try string(check["name"], "\(field).name"), passed: passed,
                                       evidence: try optionalString(check["evidence"], "\(field).evidence") ?? "", kind: kind))
        }
        var metrics: [LiveRunMetric] = []
        for (index, metric) in try array(value["metrics"] ?? .array([]), "\(place).metrics").enumerated() {
            let field = "\(place).metrics[\(index)]"
            metrics.append(LiveRunMetric(name: try string(metric["name"], "\(field).name"),
                                         value: try number(metric["value"], "\(field).value"),
                                         unit: try optionalString(metric["unit"], "\(field).unit") ?? ""))
        }
        var energy: LiveRunEnergy?
        if let energyValue = value["energy"], energyValue != .null {
            let field = "\(place).energy"
            energy = LiveRunEnergy(joules: try number(energyValue["joules"], "\(field).joules"),
                                   tokensPerJoule: try optionalNumber(energyValue["tokensPerJoule"], "\(field).tokensPerJoule"),
                                   idleWatts: try optionalNumber(energyValue["idleWatts"], "\(field).idleWatts"),
                                   aboveIdleJoules: try optionalNumber(energyValue["aboveIdleJoules"], "\(field).aboveIdleJoules"),
                                   tokensPerJouleAboveIdle: try optionalNumber(energyValue["tokensPerJouleAboveIdle"],
                                                                               "\(field).tokensPerJouleAboveIdle"))
        }
        var log: [String] = []
        var logBytes = 0
        for (index, line) in try array(value["log"] ?? .array([]), "\(place).log").enumerated() {
            log.append(try string(line, "\(place).log[\(index)]"))
            logBytes += log[index].utf8.count
            if logBytes > LiveRun.maximumLogBytes {
                throw fail("\(place).log[\(index)]", "the log passes \(LiveRun.maximumLogBytes) bytes here; at most that is accepted")
            }
        }
        let reason = try optionalString(value["reason"], "\(place).reason") ?? ""
        if let message = Cell.tooLong(reason, "reason") { throw fail("\(place).reason", message) }
        let startedAt = try time(value["startedAt"], "\(place).startedAt")
        let endedAt = try time(value["endedAt"], "\(place).endedAt")
        if endedAt < startedAt { throw fail("\(place).endedAt", "is before startedAt") }
        return LiveRun(request: request, environment: environment, startedAt: startedAt, endedAt: endedAt,
                       status: status, reason: reason,
                       parameters: parameters, model: try optionalString(value["model"], "\(place).model"),
                       checks: checks, metrics: metrics, energy: energy, log: log)
    }

    func request(_ value: JSONValue?, _ place: String) throws(ImportError) -> TestRunRequest {
        guard case .object? = value else { throw fail(place, "expected an object") }
        return TestRunRequest(matrix: try string(value?["matrix"], "\(place).matrix"),
                              row: try string(value?["row"], "\(place).row"),
                              column: try optionalString(value?["column"], "\(place).column"),
                              backend: try string(value?["backend"], "\(place).backend"),
                              model: try optionalString(value?["model"], "\(place).model"),
                              device: try optionalString(value?["device"], "\(place).device") ?? "auto",
                              timeout: try optionalNumber(value?["timeout"], "\(place).timeout") ?? TestRunRequest.defaultTimeout)
    }

    func environment(_ value: JSONValue?, _ place: String) throws(ImportError) -> LiveRunEnvironment {
        guard case .object? = value else { throw fail(place, "expected an object") }
        var versions: [String: String] = [:]
        for (key, member) in (try object(value?["versions"], "\(place).versions") ?? [:]).sorted(by: { $0.key < $1.key }) {
            versions[key] = try string(member, "\(place).versions.\(key)")
        }
        return LiveRunEnvironment(host: try string(value?["host"], "\(place).host"),
                                  device: try optionalString(value?["device"], "\(place).device"),
                                  cpuName: try optionalString(value?["cpuName"], "\(place).cpuName"),
                                  gpuName: try optionalString(value?["gpuName"], "\(place).gpuName"),
                                  driver: try optionalString(value?["driver"], "\(place).driver"),
                                  cuda: try optionalString(value?["cuda"], "\(place).cuda"),
                                  harness: try optionalString(value?["harness"], "\(place).harness"),
                                  versions: versions,
                                  node: try optionalString(value?["node"], "\(place).node"),
                                  gpuIndex: try optionalString(value?["gpuIndex"], "\(place).gpuIndex"))
    }

    // MARK: - Fields

    func string(_ value: JSONValue?, _ field: String) throws(ImportError) -> String {
        guard case .string(let text)? = value else { throw fail(field, value == nil ? "missing (expected a string)" : "expected a string") }
        return text
    }

    func optionalString(_ value: JSONValue?, _ field: String) throws(ImportError) -> String? {
        if value == nil || value == .null { return nil }
        return try string(value, field)
    }

    func number(_ value: JSONValue?, _ field: String) throws(ImportError) -> Double {
        guard case .number(let text)? = value, let number = Double(text), number.isFinite else {
            throw fail(field, value == nil ? "missing (expected a number)" : "expected a number")
        }
        return number
    }

    func optionalNumber(_ value: JSONValue?, _ field: String) throws(ImportError) -> Double? {
        if value == nil || value == .null { return nil }
        return try number(value, field)
    }

    func array(_ value: JSONValue?, _ field: String) throws(ImportError) -> [JSONValue] {
        guard case .array(let elements)? = value else { throw fail(field, value == nil ? "missing (expected an array)" : "expected an array") }
        return elements
    }

    /// An object's members; `nil` when the field is absent or null.
    func object(_ value: JSONValue?, _ field: String) throws(ImportError) -> [String: JSONValue]? {
        if value == nil || value == .null { return nil }
        guard case .object(let members)? = value else { throw fail(field, "expected an object") }
        return members
    }

    func time(_ value: JSONValue?, _ field: String) throws(ImportError) -> Date {
        let text = try string(value, field)
        guard let date = RunTimestamp.parse(text) else {
            throw fail(field, "\"\(text)\" is not an ISO 8601 time with a zone (like 2026-03-02T14:05:11.250Z)")
        }
        return date
    }

    func liveValue(_ value: JSONValue, _ field: String) throws(ImportError) -> LiveRunValue {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number: return .number(try number(value, field))
        case .string(let text): return .string(text)
        case .array(let elements):
            var values: [LiveRunValue] = []
            for (index, element) in elements.enumerated() { values.append(try liveValue(element, "\(field)[\(index)]")) }
            return .array(values)
        case .object(let members):
            var values: [String: LiveRunValue] = [:]
            for (key, member) in members.sorted(by: { $0.key < $1.key }) { values[key] = try liveValue(member, "\(field).\(key)") }
            return .object(values)
        }
    }
}

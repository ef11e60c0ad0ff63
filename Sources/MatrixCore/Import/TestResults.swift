/// One backend's results read from the benchmarking tool's `test_results_<backend>.json`.
///
/// Merged into the `params` matrix with ``Matrix/merging(_:)``: the backend's column is replaced
/// for the rows the file tested; other columns are left alone; new rows are added to the section
/// their name belongs to.
public struct TestResults: Sendable, Hashable {
    /// Column key: `pytorch`, `vllm` or `tensorrt`.
    public var backend: String
    public var runID: String?
    public var timestamp: String?
    /// One row per tested key (`parameter=value`, or `parameter` when the value is empty), with
    /// only the backend's cell. Baseline configs are skipped.
    public var rows: [Row]

    public init(backend: String, runID: String? = nil, timestamp: String? = nil, rows: [Row]) {
        self.backend = backend
        self.runID = runID
        self.timestamp = timestamp
        self.rows = rows
    }
}

/// Reads `test_results_<backend>.json` (see `shared/reference/results-format.md`).
///
/// ```swift
/// let results = try TestResultsJSON.parse(bytes, path: "test_results_vllm.json")
/// results.rows.first?.cells["vllm"]?.status   // .supported
/// ```
public enum TestResultsJSON {
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - path: for messages, and to take the backend from the file name when `backend` is null.
    /// - Throws: ``ImportError`` naming the JSON field (`results[3].status`) that is missing or of
    ///   the wrong type, or the file when it is not JSON at all.
    public static func parse(_ data: [UInt8], path: String) throws(ImportError) -> TestResults {
        let document = try JSONValue.parse(data, file: path)
        guard case let .object(top) = document, case let .array(results)? = top["results"] else {
            throw ImportError(file: path, message: "expected an object with a \"results\" array")
        }
        let backend = try backendName(top["backend"], path: path)
        var rows: [Row] = []
        var index: [String: Int] = [:]
        for (offset, element) in results.enumerated() {
            guard let row = try readResult(element, at: "results[\(offset)]", backend: backend, path: path) else {
                continue
            }
            if let existing = index[row.key] { rows[existing] = row } else { index[row.key] = rows.count; rows.append(row) }
        }
        return TestResults(backend: backend, runID: top["run_id"]?.stringValue,
                           timestamp: top["timestamp"]?.stringValue, rows: rows)
    }

    // MARK: - Fields

    /// The `backend` field, or the `<backend>` of `test_results_<backend>.json`.
    private static func backendName(_ value: JSONValue?, path: String) throws(ImportError) -> String {
        switch value {
        case let .string(name)? where !name.isEmpty: return name.lowercased()
        case nil, .null?, .string?:
            let file = path.split(separator: "/").last.map(String.init) ?? path
            if file.hasPrefix("test_results_"), file.hasSuffix(".json") {
                let name = file.dropFirst("test_results_".count).dropLast(".json".count)
                if !name.isEmpty { return name.lowercased() }
            }
            throw ImportError(file: path, field: "backend",
                              message: "missing, and the file name is not test_results_<backend>.json")
        default:
            throw ImportError(file: path, field: "backend", message: "expected a string")
        }
    }

    /// One element of `results`; nil for a baseline config.
    private static func readResult(_ element: JSONValue, at place: String, backend: String,
                                   path: String) throws(ImportError) -> Row? {
        guard case let .object(result) = element else {
            throw ImportError(file: path, field: place, message: "expected an object")
        }
        if case let .string(config)? = result["config_name"], config.contains("baseline") { return nil }
        guard case let .string(parameter)? = result["parameter_varied"], !parameter.isEmpty else {
            throw ImportError(file: path, field: "\(place).parameter_varied", message: "expected a string")
        }
        guard case let .string(status)? = result["status"] else {
            throw ImportError(file: path, field: "\(place).status", message: "expected a string")
        }
        let value = pythonText(result["parameter_value"] ?? .null)
        let key = value.isEmpty ? parameter : "\(parameter)=\(value)"
        let error = optionalString(result["error_summary"])

        let cell: Cell
        switch status {
        case "passed":
            var verified = false
            if case let .object(validation)? = result["validation"],
               case let .string(state)? = validation["validation_status"] {
                verified = state == "VERIFIED"
            }
            cell = Cell(status: verified ? .supported : .uncertain)
        case "failed":
            let fallback = lastLine(optionalString(result["traceback"])) ?? lastLine(optionalString(result["stderr"]))
            cell = Cell(status: .unsupported, note: error ?? fallback)
        case "skipped":
            cell = Cell(status: .untested, literal: "skipped", note: error ?? optionalString(result["reason"]))
        default:
            throw ImportError(file: path, field: "\(place).status",
                              message: "unknown status \"\(status)\" (expected passed, failed or skipped)")
        }
        if let message = Cell.tooLong(cell.note) {
            throw ImportError(file: path, field: place, message: message + " (error_summary, traceback, stderr or reason)")
        }
        return Row(key: key, section: ParameterSection.section(for: key), cells: [backend: cell])
    }

    private static func optionalString(_ value: JSONValue?) -> String? {
        guard case let .string(text)? = value, !text.isEmpty else { return nil }
        return text
    }

    private static func lastLine(_ text: String?) -> String? {
        text?.split(whereSeparator: \.isNewline).last { !$0.allSatisfy(\.isWhitespace) }.map(String.init)
    }

    /// The value as Python's `str()` prints it: `True`, `2.0`, `16`, strings as they are;
    /// empty for null.
    static func pythonText(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case let .bool(flag): flag ? "True" : "False"
        case let .number(text): text
        case let .string(text): text
        case let .array(elements): "[" + elements.map(pythonRepr).joined(separator: ", ") + "]"
        case .object: pythonRepr(value)
        }
    }

    private static func pythonRepr(_ value: JSONValue) -> String {
        switch value {
        case .null: "None"
        case let .string(text): "'\(text)'"
        case let .object(members):
            "{" + members.keys.sorted().map { "'\($0)': \(pythonRepr(members[$0]!))" }.joined(separator: ", ") + "}"
        default: pythonText(value)
        }
    }
}

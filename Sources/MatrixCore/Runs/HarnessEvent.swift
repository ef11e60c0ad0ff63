import Foundation

/// One line of the harness's event stream (`docs/PROTOCOL.md`, version 1).
///
/// Parsing never throws: a line that is not a JSON object, or an event with missing fields, or an
/// event type this engine does not know becomes ``log(stream:text:)`` with the line itself.
///
/// ```swift
/// HarnessEvent(line: #"{"event":"phase","t":0.1,"name":"load"}"#)   // .phase("load")
/// HarnessEvent(line: "Traceback (most recent call last):")          // .log(stream: "stdout", text: …)
/// ```
public enum HarnessEvent: Sendable, Hashable {
    case hello(HarnessHello)
    case phase(String)
    case log(stream: String, text: String)
    case token(seq: Int, text: String)
    case metric(LiveRunMetric)
    case check(LiveRunCheck)
    case result(HarnessResult)
    case error(message: String, traceback: String?)

    /// The `id` of the request a warm worker answers (`serve` mode), when the event carries one.
    public typealias RequestID = String
}

/// The `hello` event: who the harness is and what it runs on.
public struct HarnessHello: Sendable, Hashable, Decodable {
    public var `protocol`: Int?
    public var harness: String?
    public var backend: String?
    public var versions: [String: String]
    public var device: String?
    public var cuda: String?
    public var gpu: String?
    /// Set by the Ray driver (docs/ray.md): the node the cell's actor ran on (id, address, host
    /// name) and the GPU ids Ray gave it.
    public var node: String?
    public var nodeIP: String?
    public var hostname: String?
    public var gpuIDs: [String]

    public init(protocol: Int? = 1, harness: String? = nil, backend: String? = nil,
                versions: [String: String] = [:], device: String? = nil, cuda: String? = nil, gpu: String? = nil) {
        self.protocol = `protocol`
        self.harness = harness
        self.backend = backend
        self.versions = versions
        self.device = device
        self.cuda = cuda
        self.gpu = gpu
        self.gpuIDs = []
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.protocol = try? c.decodeIfPresent(Int.self, forKey: .protocol)
        self.harness = try? c.decodeIfPresent(String.self, forKey: .harness)
        self.backend = try? c.decodeIfPresent(String.self, forKey: .backend)
        // Versions may hold non-strings (null for a library that is not installed): keep them as text.
        let raw = (try? c.decodeIfPresent([String: LiveRunValue].self, forKey: .versions)) ?? [:]
        self.versions = raw.compactMapValues { $0 == .null ? nil : $0.text }
        self.device = try? c.decodeIfPresent(String.self, forKey: .device)
        self.cuda = (try? c.decodeIfPresent(LiveRunValue.self, forKey: .cuda)).flatMap { $0 == .null ? nil : $0.text }
        self.gpu = try? c.decodeIfPresent(String.self, forKey: .gpu)
        self.node = try? c.decodeIfPresent(String.self, forKey: .node)
        self.nodeIP = try? c.decodeIfPresent(String.self, forKey: .nodeIP)
        self.hostname = try? c.decodeIfPresent(String.self, forKey: .hostname)
        self.gpuIDs = ((try? c.decodeIfPresent([String].self, forKey: .gpuIDs)) ?? nil) ?? []
    }

    private enum CodingKeys: String, CodingKey {
        case `protocol`, harness, backend, versions, device, cuda, gpu, node, hostname
        case nodeIP = "node_ip", gpuIDs = "gpu_ids"
    }
}

/// The `result` event: the harness's verdict, the last line of a finished run.
public struct HarnessResult: Sendable, Hashable, Decodable {
    public var status: LiveRunStatus
    public var reason: String
    public var elapsed: Double?
    public var parameters: [String: LiveRunValue]
    public var model: String?

    public init(status: LiveRunStatus, reason: String, elapsed: Double? = nil,
                parameters: [String: LiveRunValue] = [:], model: String? = nil) {
        self.status = status
        self.reason = reason
        self.elapsed = elapsed
        self.parameters = parameters
        self.model = model
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.status = try c.decode(LiveRunStatus.self, forKey: .status)
        self.reason = (try? c.decodeIfPresent(String.self, forKey: .reason)) ?? ""
        self.elapsed = try? c.decodeIfPresent(Double.self, forKey: .elapsed_s)
        self.parameters = (try? c.decodeIfPresent([String: LiveRunValue].self, forKey: .parameters)) ?? [:]
        self.model = try? c.decodeIfPresent(String.self, forKey: .model)
    }

    private enum CodingKeys: String, CodingKey {
        case status, reason, elapsed_s, parameters, model
    }
}

// MARK: - Parsing

extension HarnessEvent {
    /// Reads one stdout line; anything unreadable becomes a `log` line on the `stdout` stream.
    public init(line: String) {
        self = Self.decode(line) ?? .log(stream: "stdout", text: line)
    }

    /// The `id` a warm worker's event carries (issue 5), or `nil`.
    public static func requestID(in line: String) -> RequestID? {
        guard let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["id"] as? String
    }

    /// The `event` name of a line that is an event object whose fields did not decode (it became a
    /// `stdout` log line), or `nil`: `{"event":"check","passed":"yes"}` → `"check"`.
    public static func malformedEventName(in line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard decode(trimmed) == nil, trimmed.hasPrefix("{"), let data = trimmed.data(using: .utf8),
              let head = try? JSONDecoder().decode(Head.self, from: data) else { return nil }
        return head.event
    }

    private static func decode(_ line: String) -> HarnessEvent? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{"), let data = trimmed.data(using: .utf8) else { return nil }
        let decoder = JSONDecoder()
        guard let head = try? decoder.decode(Head.self, from: data) else { return nil }
        switch head.event {
        case "hello":
            return (try? decoder.decode(HarnessHello.self, from: data)).map { .hello($0) }
        case "phase":
            return head.name.map { .phase($0) }
        case "log":
            return head.text.map { .log(stream: head.stream ?? "harness", text: $0) }
        case "token":
            return head.text.map { .token(seq: head.seq ?? 0, text: $0) }
        case "metric":
            guard let name = head.name, let value = head.value else { return nil }
            return .metric(LiveRunMetric(name: name, value: value, unit: head.unit ?? ""))
        case "check":
            guard let name = head.name, let passed = head.passed else { return nil }
            return .check(LiveRunCheck(name: name, passed: passed, evidence: head.evidence ?? "", kind: head.kind))
        case "result":
            return (try? decoder.decode(HarnessResult.self, from: data)).map { .result($0) }
        case "error":
            return .error(message: head.message ?? "harness error", traceback: head.traceback)
        default:
            return nil
        }
    }

    /// The flat fields shared by the small events; every one optional so a bad field only drops its event.
    private struct Head: Decodable {
        var event: String
        var name: String?
        var stream: String?
        var text: String?
        var seq: Int?
        var value: Double?
        var unit: String?
        var passed: Bool?
        var evidence: String?
        /// An unknown kind reads as none (legacy), like a missing one.
        var kind: CheckKind?
        var message: String?
        var traceback: String?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            event = try c.decode(String.self, forKey: .event)
            name = try? c.decodeIfPresent(String.self, forKey: .name)
            stream = try? c.decodeIfPresent(String.self, forKey: .stream)
            text = try? c.decodeIfPresent(String.self, forKey: .text)
            seq = try? c.decodeIfPresent(Int.self, forKey: .seq)
            value = try? c.decodeIfPresent(Double.self, forKey: .value)
            unit = try? c.decodeIfPresent(String.self, forKey: .unit)
            passed = try? c.decodeIfPresent(Bool.self, forKey: .passed)
            evidence = try? c.decodeIfPresent(String.self, forKey: .evidence)
            kind = (try? c.decodeIfPresent(String.self, forKey: .kind)).flatMap { $0.flatMap(CheckKind.init(rawValue:)) }
            message = try? c.decodeIfPresent(String.self, forKey: .message)
            traceback = try? c.decodeIfPresent(String.self, forKey: .traceback)
        }

        private enum CodingKeys: String, CodingKey {
            case event, name, stream, text, seq, value, unit, passed, evidence, kind, message, traceback
        }
    }
}

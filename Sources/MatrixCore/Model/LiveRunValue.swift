import Foundation

/// A JSON value, for what the harness reports as free-form objects (the parameters it applied).
///
/// ```swift
/// let v: LiveRunValue = .object(["num_beams": .number(4)])
/// v.description   // {"num_beams":4}
/// ```
public indirect enum LiveRunValue: Codable, Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([LiveRunValue])
    case object([String: LiveRunValue])

    // MARK: - Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([LiveRunValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: LiveRunValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    // MARK: - Reading

    /// The value as text: strings unquoted, numbers without a needless `.0`, containers as JSON.
    public var text: String {
        if case .string(let value) = self { return value }
        return description
    }

    /// Compact JSON with sorted keys.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case .string(let value): return JSONValue.quoted(value)
        case .array(let values): return "[" + values.map(\.description).joined(separator: ",") + "]"
        case .object(let values):
            let body = values.keys.sorted().map { JSONValue.quoted($0) + ":" + values[$0]!.description }
            return "{" + body.joined(separator: ",") + "}"
        }
    }
}

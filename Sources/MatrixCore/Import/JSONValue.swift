/// A JSON value that keeps each number's text as written, so `2.0` stays `2.0` (not `2`).
///
/// ```swift
/// let value = try JSONValue.parse(Array("{\"a\": 2.0}".utf8))
/// value["a"]   // .number("2.0")
/// ```
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's literal text.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// What went wrong and at which byte offset.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var offset: Int
        public var message: String
    }

    /// Parses a whole document (RFC 8259); whitespace around the value is allowed.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument()
    }

    /// Parses the file at `path` (its bytes): a syntax error is the import error every JSON input
    /// reports, naming the file and the byte.
    ///
    /// ```swift
    /// let document = try JSONValue.parse(bytes, file: "test_results_vllm.json")
    /// // ImportError: test_results_vllm.json: not JSON: expected a value at byte 0
    /// ```
    public static func parse(_ bytes: [UInt8], file path: String) throws(ImportError) -> JSONValue {
        do {
            return try parse(bytes)
        } catch {
            throw ImportError(file: path, message: "not JSON: \(error.message) at byte \(error.offset)")
        }
    }
}

/// The recursive-descent reader behind ``JSONValue/parse(_:)``.
struct JSONParser {
    let bytes: [UInt8]
    var offset = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: - Document

    mutating func parseDocument() throws(JSONValue.SyntaxError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        let value = try parseValue()
        skipWhitespace()
        guard offset == bytes.count else { throw fail("unexpected text after the value") }
        return value
    }

    private func fail(_ message: String) -> JSONValue.SyntaxError {
        JSONValue.SyntaxError(offset: offset, message: message)
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
    }

    private mutating func expect(_ literal: String, _ value: JSONValue) throws(JSONValue.SyntaxError) -> JSONValue {
        let utf8 = Array(literal.utf8)
        guard bytes.count - offset >= utf8.count, Array(bytes[offset..<offset + utf8.count]) == utf8 else {
            throw fail("unexpected character")
        }
        offset += utf8.count
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONValue.SyntaxError) -> JSONValue {
        skipWhitespace()
        guard offset < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail("unexpected character")
        }
    }

    private mutating func parseObject() throws(JSONValue.SyntaxError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        try parseContainer(close: "}") { parser throws(JSONValue.SyntaxError) in
            parser.skipWhitespace()
            guard parser.offset < parser.bytes.count, parser.bytes[parser.offset] == UInt8(ascii: "\"") else {
                throw parser.fail("expected a member name")
            }
            let key = try parser.parseString()
            parser.skipWhitespace()
            guard parser.offset < parser.bytes.count, parser.bytes[parser.offset] == UInt8(ascii: ":") else {
                throw parser.fail("expected ':'")
            }
            parser.offset += 1
            members[key] = try parser.parseValue()
        }
        return .object(members)
    }

    private mutating func parseArray() throws(JSONValue.SyntaxError) -> JSONValue {
        var elements: [JSONValue] = []
        try parseContainer(close: "]") { parser throws(JSONValue.SyntaxError) in elements.append(try parser.parseValue()) }
        return .array(elements)
    }

    /// An object's or an array's body, its opening bracket at `offset`: one level deeper (at most
    /// 512), then `element` for each element, separated by `,`, up to `close`.
    private mutating func parseContainer(close: Unicode.Scalar,
                                         _ element: (inout JSONParser) throws(JSONValue.SyntaxError) -> Void)
        throws(JSONValue.SyntaxError) {
        depth += 1
        guard depth < 512 else { throw fail("nested too deeply") }
        defer { depth -= 1 }
        offset += 1
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: close) { offset += 1; return }
        while true {
            try element(&self)
            skipWhitespace()
            guard offset < bytes.count else { throw fail("unexpected end of input") }
            if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
            if bytes[offset] == UInt8(ascii: close) { offset += 1; return }
            throw fail("expected ',' or '\(close)'")
        }
    }

    private mutating func parseNumber() throws(JSONValue.SyntaxError) -> JSONValue {
        let start = offset
        let allowed = Set("+-0123456789.eE".utf8)
        while offset < bytes.count, allowed.contains(bytes[offset]) { offset += 1 }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard Double(text) != nil, text.last?.isNumber == true else { throw fail("malformed number \(text)") }
        return .number(text)
    }

    private mutating func parseString() throws(JSONValue.SyntaxError) -> String {
        offset += 1
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            if !run.isEmpty { scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars); run = [] }
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") { offset += 1; flush(); return String(scalars) }
            if byte < 0x20 { throw fail("control character in string") }
            if byte != UInt8(ascii: "\\") { run.append(byte); offset += 1; continue }
            flush()
            offset += 1
            guard offset < bytes.count else { break }
            let escape = bytes[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try hex4()
                // A high surrogate joins the low one that follows; a lone one (`\uD800\u0041`,
                // `\uDC00`) is no character: U+FFFD, and what follows is read as itself.
                if (0xD800..<0xDC00).contains(code), bytes.count - offset >= 6,
                   bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                    let mark = offset
                    offset += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        offset = mark
                    }
                }
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: throw fail("bad escape")
            }
        }
        throw fail("unterminated string")
    }

    private mutating func hex4() throws(JSONValue.SyntaxError) -> UInt32 {
        let hexDigits = Set("0123456789abcdefABCDEF".utf8)
        guard bytes.count - offset >= 4, bytes[offset..<offset + 4].allSatisfy(hexDigits.contains),
              let code = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16) else {
            throw fail("bad \\u escape")
        }
        offset += 4
        return code
    }
}

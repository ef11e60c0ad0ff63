import Foundation

/// How the store writes Codable values into JSON text columns: sorted keys, so the same value
/// always gives the same bytes (the bundled database is checked for exact equality).
///
/// ```swift
/// let text = JSONColumn.encode(["1", "2"])   // ["1","2"]
/// let labels: [String] = JSONColumn.decode(text) ?? []
/// ```
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String?, as type: T.Type = T.self) -> T? {
        guard let text, text != "null" else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// Decodes a JSON array of strings, with a fast path for the empty array.
    static func strings(_ text: String?) -> [String] {
        guard let text, text != "[]" else { return [] }
        return decode(text) ?? []
    }
}

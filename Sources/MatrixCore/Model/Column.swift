/// A status column of a matrix: a backend (`vLLM`) or a feature (`KV Cache Reuse`).
///
/// ```swift
/// Column(key: "vllm", title: "vLLM")
/// Column(key: "kv-cache-reuse", title: "KV Cache Reuse")
/// ```
public struct Column: Codable, Sendable, Hashable, Identifiable {
    /// Stable identifier inside its matrix: lowercase, used by `backend:`/`feature:` and in exports.
    public var key: String
    /// The header exactly as the source wrote it, without footnote markers.
    public var title: String
    /// Labels of footnotes cited in the header.
    public var footnotes: [String]

    public var id: String { key }

    public init(key: String, title: String, footnotes: [String] = []) {
        self.key = key
        self.title = title
        self.footnotes = footnotes
    }

    /// The key a title gets when no better one is known: lowercase words joined by `-`.
    ///
    /// `Column.key(for: "EAGLE-3(One Model Engine)")` is `"eagle-3-one-model-engine"`.
    public static func key(for title: String) -> String {
        var key = ""
        var pendingDash = false
        for scalar in title.lowercased().unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) || scalar == "_" || scalar == "." {
                if pendingDash && !key.isEmpty { key.append("-") }
                key.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return key
    }
}

import Foundation

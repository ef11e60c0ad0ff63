/// Splits and writes seed 000's Notes column (`vllm: Error: …; tensorrt: Error: …`).
///
/// ```swift
/// ParameterNotes.split("vllm: Error: x", columnKeys: ["vllm"])   // (["vllm": "Error: x"], [])
/// ParameterNotes.column(["vllm: Error: x"])                      // "vllm: Error: x"
/// ```
enum ParameterNotes {
    // MARK: - Reading

    /// Per-column notes without their `key: ` prefix, and notes with no known prefix.
    /// The text is split at `"; "` only where a known column key and `": "` follow.
    static func split(_ text: String, columnKeys: [String]) -> (cells: [String: String], row: [String]) {
        guard !text.isEmpty else { return ([:], []) }
        var pieces: [String] = []
        var current = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: "; ") {  // the standard library's: linear (see FootnoteMarkers)
            let after = rest[range.upperBound...]
            if columnKeys.contains(where: { after.hasPrefix("\($0): ") }) {
                current += rest[..<range.lowerBound]
                pieces.append(current)
                current = ""
            } else {
                current += rest[..<range.upperBound]
            }
            rest = after
        }
        current += rest
        pieces.append(current)

        var cells: [String: String] = [:]
        var row: [String] = []
        for piece in pieces {
            if let key = columnKeys.first(where: { piece.hasPrefix("\($0): ") }), cells[key] == nil {
                cells[key] = String(piece.dropFirst(key.count + 2))
            } else {
                row.append(piece)
            }
        }
        return (cells, row)
    }

    // MARK: - Writing

    /// One note as seed 000's generator writes it: the note cut to 100 characters, then the
    /// whole `key: note` cut to 77 characters plus `...` when longer than 80.
    static func shorten(_ note: String, key: String?) -> String {
        let cut = String(String.UnicodeScalarView(note.unicodeScalars.prefix(100)))
        let whole = key.map { "\($0): \(cut)" } ?? cut
        let scalars = Array(whole.unicodeScalars)
        guard scalars.count > 80 else { return whole }
        return String(String.UnicodeScalarView(scalars.prefix(77))) + "..."
    }

    /// The Notes column of a row: at most two notes, joined by `"; "`.
    static func column(_ notes: [String]) -> String {
        notes.prefix(2).joined(separator: "; ")
    }
}

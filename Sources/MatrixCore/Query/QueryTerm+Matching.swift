/// How the value of one term matches the names it is compared with.
///
/// These rules are shared by the evaluator and by anyone who wants to explain a match (the
/// explorer's quick toggles): a column term matches a column by key or title, exactly, by glob or
/// by prefix; a section term by equality, containment or glob; a model term by glob or substring.
///
/// ```swift
/// QueryTerm.columnMatches("tensor", key: "tensorrt", title: "TensorRT")   // true (prefix)
/// QueryTerm.sectionMatches("quant", section: "Quantization")             // true (contains)
/// ```
extension QueryTerm {
    // MARK: - Columns

    /// Whether a `backend:`/`feature:`/`column:` value names a column. Case-insensitive.
    public static func columnMatches(_ value: String, key: String, title: String) -> Bool {
        columnMatches(value.lowercased(), lowercasedKey: key.lowercased(), lowercasedTitle: title.lowercased())
    }

    static func columnMatches(_ value: String, lowercasedKey key: String, lowercasedTitle title: String) -> Bool {
        if value == key || value == title { return true }
        if Glob.hasWildcard(value) {
            let glob = Glob(value)
            return glob.matches(ArraySlice(key.utf8)) || glob.matches(ArraySlice(title.utf8))
        }
        return key.hasPrefix(value) || title.hasPrefix(value)
    }

    // MARK: - Sections

    /// Whether a `section:` value names a section: equal, contained (`quant` in `Quantization`)
    /// or, with wildcards, glob-matched. Case-insensitive.
    public static func sectionMatches(_ value: String, section: String) -> Bool {
        sectionMatches(value.lowercased(), lowercasedSection: section.lowercased())
    }

    static func sectionMatches(_ value: String, lowercasedSection section: String) -> Bool {
        if Glob.hasWildcard(value) { return Glob(value).matches(ArraySlice(section.utf8)) }
        return section.contains(value)
    }

    // MARK: - Matrices

    /// Whether a `matrix:` value names the grid's matrix: equal or glob, case-insensitive.
    public static func matrixMatches(_ value: String, name: String) -> Bool {
        if Glob.hasWildcard(value) { return Glob(value).matches(name) }
        return value.lowercased() == name.lowercased()
    }
}

// MARK: - Compiled row matchers

/// A `model:` value compiled for matching lowercased row keys: a glob when it has wildcards,
/// otherwise a substring.
///
/// ```swift
/// RowKeyMatcher("qwen*").matches(Array("qwen3forcausallm".utf8)[...])   // true
/// ```
struct RowKeyMatcher: Sendable {
    private let glob: Glob?
    private let substring: [UInt8]

    init(_ value: String) {
        if Glob.hasWildcard(value) {
            glob = Glob(value)
            substring = []
        } else {
            glob = nil
            substring = Array(value.lowercased().utf8)
        }
    }

    func matches(_ key: ArraySlice<UInt8>) -> Bool {
        if let glob { return glob.matches(key) }
        return FuzzyMatch.contains(key, substring[...])
    }
}

/// A free word compiled for one evaluation: its fuzzy matcher, the rows the note index gave for it
/// (nil: no index), and whether it is negated.
struct WordMatcher {
    let fuzzy: FuzzyMatch
    let noteRows: Set<Int>?
    let negated: Bool

    /// Row name (fuzzy), attribute texts (substring) or notes (full-text index).
    func matchesRow(_ row: Int, index: GridSearchIndex) -> Bool {
        if fuzzy.matches(index.key(ofRow: row)) { return true }
        if fuzzy.isSubstring(of: index.attributes(ofRow: row)) { return true }
        return noteRows?.contains(row) ?? false
    }
}

/// A shell-style wildcard pattern (`qwen*`, `v?llm`) matched against lowercased UTF-8 bytes.
///
/// Patterns are compiled once per query and matched against the search index's byte buffers, so
/// matching 20,000 row names allocates nothing. `*` matches any run of characters, `?` exactly one
/// character (one Unicode scalar: continuation bytes are skipped). Both sides are lowercased
/// by the caller, which makes matching case-insensitive.
///
/// ```swift
/// let glob = Glob("Qwen*")
/// glob.matches(Array("qwen3forcausallm".utf8)[...])   // true
/// ```
struct Glob: Sendable, Hashable {
    /// The lowercased pattern's UTF-8 bytes.
    let pattern: [UInt8]

    init(_ text: String) {
        pattern = Array(text.lowercased().utf8)
    }

    /// True when the text contains `*` or `?`, which is when values are treated as globs rather
    /// than as plain text.
    static func hasWildcard(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "*")) || text.utf8.contains(UInt8(ascii: "?"))
    }

    // MARK: - Matching

    /// Whether the whole of `text` matches the pattern.
    ///
    /// The classic iterative algorithm with one backtrack point (the last `*`): linear in practice,
    /// `O(n·m)` at worst, never recursive, so no input can blow the stack.
    func matches(_ text: ArraySlice<UInt8>) -> Bool {
        pattern.withUnsafeBufferPointer { p in
            text.withUnsafeBufferPointer { t in Glob.match(p, t) }
        }
    }

    func matches(_ text: String) -> Bool {
        matches(ArraySlice(text.lowercased().utf8))
    }

    private static func match(_ p: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let star = UInt8(ascii: "*"), question = UInt8(ascii: "?")
        var pi = 0, ti = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count && p[pi] == question {
                pi += 1
                ti = nextScalar(t, after: ti)
            } else if pi < p.count && p[pi] == star {
                starP = pi
                starT = ti
                pi += 1
            } else if pi < p.count && p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if starP >= 0 {
                pi = starP + 1
                starT = nextScalar(t, after: starT)
                ti = starT
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == star { pi += 1 }
        return pi == p.count
    }

    /// The index just past the UTF-8 scalar that starts at `index`.
    private static func nextScalar(_ t: UnsafeBufferPointer<UInt8>, after index: Int) -> Int {
        var next = index + 1
        while next < t.count && t[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}

import Foundation

/// Deterministic mutations of seed inputs, for the fuzzers of the importers, the query parser and
/// the harness event reader (`FuzzTarget`). The same seed number always gives the same inputs, so
/// a CI failure reproduces; `scripts/fuzz` runs the same targets for 10^6 inputs each.
///
/// ```swift
/// var mutator = Mutator(seed: 7, corpus: [Array("status:failed".utf8)])
/// let input = mutator.next()   // bytes: a seed with a few flips, splices or hostile tokens
/// ```
public struct Mutator {
    /// SplitMix64: tiny, fast, and the same on every platform.
    public struct Random {
        public var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    }

    /// Tokens that have broken parsers before, or could: escapes, surrogates, table pipes,
    /// JSON structure, huge numbers, control characters, multi-byte UTF-8 cut in half.
    public static let hostile: [[UInt8]] = [
        "\\uD800", "\\uDC00", "\\uD800\\u0041", "\\u12", "\\", "\"", "|", "||", "| `", "`", "\n", "\r\n", "\t", "{", "}",
        "[", "]", ":", ",", "-", "--", "\"\"", "null", "true", "1e308", "-1e308", "9.3e15", "NaN", "inf", "-0",
        "18446744073709551616", "\u{1B}[2J", "\u{1B}]52;c;aGk=\u{07}", "✅", "❌", "⚠️", "➖", "\u{FEFF}", "\0",
        "status:", "backend:", "matrix:", "feature:\"", "\"event\":", "\"check\"", "\"result\"", "## ", "| Parameter |",
        "[^1]", "(", ")", "*", "?", "~",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x9C], [0xF0, 0x9F, 0x98]]

    public var random: Random
    public let corpus: [[UInt8]]

    public init(seed: UInt64, corpus: [[UInt8]]) {
        random = Random(state: seed)
        self.corpus = corpus.filter { !$0.isEmpty }
    }

    /// One input: a corpus entry with 1 to 8 mutations.
    public mutating func next() -> [UInt8] {
        var bytes = corpus[random.below(corpus.count)]
        for _ in 0...random.below(8) { mutate(&bytes) }
        return bytes
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        let at = random.below(bytes.count + 1)
        switch random.below(8) {
        case 0 where !bytes.isEmpty:   // flip a bit
            let i = min(at, bytes.count - 1)
            bytes[i] ^= UInt8(1 << random.below(8))
        case 1:   // insert a hostile token
            bytes.insert(contentsOf: Self.hostile[random.below(Self.hostile.count)], at: at)
        case 2 where !bytes.isEmpty:   // delete a run
            let end = min(bytes.count, at + 1 + random.below(64))
            if at < end { bytes.removeSubrange(at..<end) }
        case 3 where !bytes.isEmpty:   // duplicate a run (repeated rows, keys, brackets)
            let start = random.below(bytes.count)
            let end = min(bytes.count, start + 1 + random.below(256))
            bytes.insert(contentsOf: bytes[start..<end], at: at)
        case 4:   // splice a piece of another corpus entry
            let other = corpus[random.below(corpus.count)]
            let start = random.below(other.count)
            let end = min(other.count, start + 1 + random.below(512))
            bytes.insert(contentsOf: other[start..<end], at: at)
        case 5:   // a long run of one byte (size limits, deep nesting)
            let token = Self.hostile[random.below(Self.hostile.count)]
            let times = 1 + random.below(2_000)
            bytes.insert(contentsOf: Array([[UInt8]](repeating: token, count: times).joined()), at: at)
        case 6 where !bytes.isEmpty:   // replace a byte with a random one
            bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next())
        default:   // cut the input short
            if at < bytes.count { bytes.removeSubrange(at...) }
        }
    }
}

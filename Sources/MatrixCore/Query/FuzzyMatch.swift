/// Case-insensitive text matching on lowercased UTF-8 bytes: substring and in-order subsequence.
///
/// Free words match row names "fuzzily": `blocksize` finds `vllm.block_size=8` because its letters
/// appear in order. Working on the search index's contiguous byte buffers keeps a query over
/// 20,000 rows free of allocations. Subsequences are matched scalar by scalar, so a multi-byte
/// character never matches a stray continuation byte of another one.
///
/// ```swift
/// let word = FuzzyMatch("BlockSize")
/// word.matches(Array("vllm.block_size=8".utf8)[...])   // true (subsequence)
/// ```
struct FuzzyMatch: Sendable, Hashable {
    /// The lowercased needle's UTF-8 bytes.
    let needle: [UInt8]
    /// Whether in-order subsequences count (words of three characters or more without spaces;
    /// shorter words would match nearly everything).
    let allowsSubsequence: Bool

    /// Words shorter than this match by substring only.
    static let minimumSubsequenceLength = 3

    init(_ word: String) {
        let lowered = word.lowercased()
        needle = Array(lowered.utf8)
        allowsSubsequence = lowered.count >= FuzzyMatch.minimumSubsequenceLength
            && !lowered.contains(where: { $0.isWhitespace })
    }

    // MARK: - Matching

    /// Substring, or subsequence when allowed.
    func matches(_ haystack: ArraySlice<UInt8>) -> Bool {
        if FuzzyMatch.contains(haystack, needle[...]) { return true }
        return allowsSubsequence && isSubsequence(of: haystack)
    }

    /// Substring only: what attribute texts (model names, HuggingFace examples) are matched with.
    func isSubstring(of haystack: ArraySlice<UInt8>) -> Bool {
        FuzzyMatch.contains(haystack, needle[...])
    }

    /// All of the needle's scalars appear in the haystack in order.
    func isSubsequence(of haystack: ArraySlice<UInt8>) -> Bool {
        var position = haystack.startIndex
        var index = 0
        while index < needle.count {
            var end = index + 1
            while end < needle.count && needle[end] & 0xC0 == 0x80 { end += 1 }
            guard let found = FuzzyMatch.firstRange(of: needle[index..<end], in: haystack[position...]) else {
                return false
            }
            position = found
            index = end
        }
        return true
    }

    // MARK: - Byte search

    /// Whether `needle` occurs in `haystack` (naive search: needles are short, rows are short).
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: ArraySlice<UInt8>) -> Bool {
        firstRange(of: needle, in: haystack) != nil
    }

    /// The index just past the first occurrence of `needle` in `haystack`, or nil.
    static func firstRange(of needle: ArraySlice<UInt8>, in haystack: ArraySlice<UInt8>) -> Int? {
        if needle.isEmpty { return haystack.startIndex }
        guard needle.count <= haystack.count else { return nil }
        let first = needle[needle.startIndex]
        var start = haystack.startIndex
        let lastStart = haystack.endIndex - needle.count
        outer: while start <= lastStart {
            guard haystack[start] == first else {
                start += 1
                continue
            }
            var offset = 1
            while offset < needle.count {
                if haystack[start + offset] != needle[needle.startIndex + offset] {
                    start += 1
                    continue outer
                }
                offset += 1
            }
            return start + needle.count
        }
        return nil
    }
}

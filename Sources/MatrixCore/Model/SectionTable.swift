/// Interns section names while a grid is built row by row: each row gets a small index into
/// ``names`` (or -1 for no section), so a million-cell grid stores one string per section, not
/// one per row. Used by ``MatrixGrid/init(_:)`` and by the store's grid loader alike.
///
/// ```swift
/// var sections = SectionTable()
/// sections.append("Decoder"); sections.append(nil); sections.append("Decoder")
/// sections.indices   // [0, -1, 0]
/// ```
public struct SectionTable: Sendable {
    /// The distinct section names, in order of first appearance.
    public private(set) var names: [String] = []
    /// One entry per appended row: an index into ``names``, or -1.
    public private(set) var indices: [Int32] = []
    private var lookup: [String: Int32] = [:]

    public init(capacity: Int = 0) {
        indices.reserveCapacity(capacity)
    }

    /// Records the next row's section.
    public mutating func append(_ section: String?) {
        guard let section else { return indices.append(-1) }
        if let index = lookup[section] { return indices.append(index) }
        let index = Int32(names.count)
        names.append(section)
        lookup[section] = index
        indices.append(index)
    }
}

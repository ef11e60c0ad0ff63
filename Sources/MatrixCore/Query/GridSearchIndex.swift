/// The lowercased texts of a grid (row names, attribute texts, sections, column keys and titles)
/// packed into contiguous byte buffers, ready for case-insensitive matching.
///
/// Lowercasing 20,000 row names costs a few milliseconds; the explorer evaluates a query on every
/// keystroke, so it builds this index once per grid and passes it to
/// ``MatrixGrid/select(_:index:noteMatches:)``. The index holds text only: a live result that
/// changes a cell's status (``MatrixGrid/setStatus(_:row:column:flags:)``) does not invalidate it;
/// a grid with other rows or columns needs a new one (``isCurrent(for:)`` tells).
///
/// ```swift
/// let index = GridSearchIndex(grid)                       // once
/// let selection = grid.select(query, index: index)        // per keystroke
/// ```
public struct GridSearchIndex: Sendable {
    /// All lowercased row keys, back to back.
    let keyBytes: [UInt8]
    /// `rowCount + 1` offsets into ``keyBytes``: row `r` is `keyStarts[r]..<keyStarts[r + 1]`.
    let keyStarts: [Int]
    /// Per row, its lowercased attribute texts joined by a newline, back to back.
    let attributeBytes: [UInt8]
    /// `rowCount + 1` offsets into ``attributeBytes``.
    let attributeStarts: [Int]
    /// Lowercased section names, in ``MatrixGrid/sectionNames`` order.
    let sectionNames: [String]
    /// Lowercased column keys and titles, in column order.
    let columnKeys: [String]
    let columnTitles: [String]
    /// The shape the index was built for.
    public let rowCount: Int
    public let columnCount: Int
    /// The first, middle and last row keys as written, to notice a re-imported grid of the same
    /// size without rehashing every key.
    let sampleKeys: [String]

    // MARK: - Building

    /// Lowercases and packs every text of `grid`.
    public init(_ grid: MatrixGrid) {
        var keyBytes: [UInt8] = []
        var keyStarts: [Int] = [0]
        keyStarts.reserveCapacity(grid.rowCount + 1)
        keyBytes.reserveCapacity(grid.rowKeys.reduce(0) { $0 + $1.utf8.count })
        for key in grid.rowKeys {
            keyBytes.append(contentsOf: key.lowercased().utf8)
            keyStarts.append(keyBytes.count)
        }
        var attributeBytes: [UInt8] = []
        var attributeStarts: [Int] = [0]
        attributeStarts.reserveCapacity(grid.rowCount + 1)
        for row in 0..<grid.rowCount {
            if row < grid.attributes.count {
                for (position, text) in grid.attributes[row].enumerated() {
                    if position > 0 { attributeBytes.append(UInt8(ascii: "\n")) }
                    attributeBytes.append(contentsOf: text.lowercased().utf8)
                }
            }
            attributeStarts.append(attributeBytes.count)
        }
        self.keyBytes = keyBytes
        self.keyStarts = keyStarts
        self.attributeBytes = attributeBytes
        self.attributeStarts = attributeStarts
        self.sectionNames = grid.sectionNames.map { $0.lowercased() }
        self.columnKeys = grid.columns.map { $0.key.lowercased() }
        self.columnTitles = grid.columns.map { $0.title.lowercased() }
        self.rowCount = grid.rowCount
        self.columnCount = grid.columnCount
        self.sampleKeys = GridSearchIndex.sampleKeys(of: grid)
    }

    private static func sampleKeys(of grid: MatrixGrid) -> [String] {
        guard grid.rowCount > 0 else { return [] }
        return [0, grid.rowCount / 2, grid.rowCount - 1].map { grid.rowKeys[$0] }
    }

    /// Whether this index still describes `grid` (same shape, same sampled row keys); statuses
    /// may differ. A cheap check (three key comparisons), not a proof: the explorer should still
    /// build a new index whenever it loads a new grid.
    public func isCurrent(for grid: MatrixGrid) -> Bool {
        rowCount == grid.rowCount && columnCount == grid.columnCount
            && sectionNames.count == grid.sectionNames.count
            && sampleKeys == GridSearchIndex.sampleKeys(of: grid)
    }

    // MARK: - Access

    /// The lowercased key of a row, as a slice of the shared buffer (no copy).
    func key(ofRow row: Int) -> ArraySlice<UInt8> {
        keyBytes[keyStarts[row]..<keyStarts[row + 1]]
    }

    /// The lowercased attribute texts of a row, newline-separated (no copy).
    func attributes(ofRow row: Int) -> ArraySlice<UInt8> {
        attributeBytes[attributeStarts[row]..<attributeStarts[row + 1]]
    }
}

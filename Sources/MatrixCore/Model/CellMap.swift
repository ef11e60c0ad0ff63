/// A row's status cells by column key, kept as two parallel arrays sorted by key.
///
/// Why not `[String: Cell]`: a dictionary of 50 cells allocates 128 buckets (its load factor stays
/// under ¾ and bucket counts are powers of two), so a 20,000 × 50 matrix held 184 MB of buckets
/// before a single byte of it was written to the database. Sorted arrays hold exactly the cells;
/// a lookup among a row's few dozen columns is a binary search. It reads like the dictionary it
/// replaces, and encodes as one (`{"vllm": {...}}`).
///
/// ```swift
/// var cells: CellMap = ["vllm": Cell(status: .unsupported)]
/// cells["pytorch"] = Cell(status: .supported)
/// cells.keys        // ["pytorch", "vllm"]
/// ```
public struct CellMap: Sendable, Hashable {
    public private(set) var keys: [String] = []
    public private(set) var values: [Cell] = []

    public init() {}

    public init(_ cells: [String: Cell]) {
        for (key, cell) in cells.sorted(by: { $0.key < $1.key }) {
            keys.append(key)
            values.append(cell)
        }
    }

    /// The cell of `key`; assigning nil removes it.
    public subscript(key: String) -> Cell? {
        get { position(of: key).found.map { values[$0] } }
        set {
            let (found, insertion) = position(of: key)
            switch (found, newValue) {
            case let (index?, cell?): values[index] = cell
            case let (index?, nil): keys.remove(at: index); values.remove(at: index)
            case let (nil, cell?): keys.insert(key, at: insertion); values.insert(cell, at: insertion)
            case (nil, nil): break
            }
        }
    }

    public mutating func reserveCapacity(_ count: Int) {
        keys.reserveCapacity(count)
        values.reserveCapacity(count)
    }

    /// The cells whose key and cell satisfy `isIncluded`, as a map (like `Dictionary.filter`).
    public func filter(_ isIncluded: ((key: String, value: Cell)) throws -> Bool) rethrows -> CellMap {
        var kept = CellMap()
        for element in self where try isIncluded(element) {
            kept.keys.append(element.key)
            kept.values.append(element.value)
        }
        return kept
    }

    /// Where `key` is, or where it would go to keep the keys sorted.
    private func position(of key: String) -> (found: Int?, insertion: Int) {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return (low < keys.count && keys[low] == key ? low : nil, low)
    }
}

extension CellMap: RandomAccessCollection {
    public typealias Element = (key: String, value: Cell)

    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }
    public subscript(position: Int) -> Element { (keys[position], values[position]) }
}

extension CellMap: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, Cell)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension CellMap: Codable {
    public init(from decoder: Decoder) throws {
        self.init(try [String: Cell](from: decoder))
    }

    public func encode(to encoder: Encoder) throws {
        try Dictionary(uniqueKeysWithValues: zip(keys, values)).encode(to: encoder)
    }
}

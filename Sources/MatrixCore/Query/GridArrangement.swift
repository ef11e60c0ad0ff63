/// How a view arranges what its query selected: rows sorted within their sections, status
/// columns hidden or moved, column widths. Part of a view (``SavedView``); the explorer and
/// `infermatrix list`/`export --view` apply the same value with ``arrange(_:in:lastRun:)``.
///
/// ```swift
/// var arrangement = GridArrangement(sort: RowSort(.failures, descending: true), hiddenColumns: ["tensorrt"])
/// let shown = arrangement.arrange(grid.select(query), in: grid)
/// shown.rows     // within each section, most failures first
/// shown.columns  // without TensorRT
/// ```
public struct GridArrangement: Sendable, Hashable, Codable {
    /// How rows are ordered inside each section; nil keeps the document's order.
    public var sort: RowSort?
    /// Status column keys (`vllm`, `kv-cache-reuse`) not shown.
    public var hiddenColumns: [String]
    /// Text columns (attribute names, `Modality`) not shown.
    public var hiddenAttributes: [String] = []
    /// Status column keys in the order shown; keys not listed follow in the grid's order.
    public var columnOrder: [String] = []
    /// Display widths the person chose, by status column key or attribute name.
    public var widths: [String: Int] = [:]

    /// An arrangement that sorts and hides; the other parts are set as properties.
    public init(sort: RowSort? = nil, hiddenColumns: [String] = []) {
        self.sort = sort
        self.hiddenColumns = hiddenColumns
    }

    /// Nothing hidden, moved, resized or sorted.
    public var isDefault: Bool { self == GridArrangement() }

    // MARK: - Applying it

    /// The selection as this arrangement shows it: hidden columns dropped, the rest in
    /// ``columnOrder``, rows sorted within sections (``RowSort``) over the shown columns.
    /// `lastRun` gives each row's latest run time (seconds since 1970) for ``RowSort/Key/lastRun``.
    /// `sortedGrid`, when given, is every grid row already in this sort over these columns (the
    /// explorer keeps it between keystrokes): the selection's rows are then taken in its order.
    public func arrange(_ selection: Selection, in grid: MatrixGrid, lastRun: [String: Double] = [:],
                        sortedGrid: [Int]? = nil) -> Selection {
        let columns = shownColumns(selection.columns, in: grid)
        var rows = selection.rows
        if let sortedGrid {
            var selected = [Bool](repeating: false, count: grid.rowCount)
            for row in rows { selected[row] = true }
            rows = sortedGrid.filter { selected[$0] }
        } else if let sort {
            rows = sort.sorted(rows, in: grid, columns: columns, lastRun: lastRun)
        }
        return Selection(rows: rows, columns: columns)
    }

    /// Selected status columns without the hidden ones, in ``columnOrder``.
    public func shownColumns(_ selected: [Int], in grid: MatrixGrid) -> [Int] {
        var columns = selected
        if !hiddenColumns.isEmpty {
            let hidden = Set(hiddenColumns)
            columns.removeAll { hidden.contains(grid.columns[$0].key) }
        }
        guard !columnOrder.isEmpty else { return columns }
        let rank = Dictionary(columnOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return columns.enumerated().sorted { a, b in
            let ra = rank[grid.columns[a.element].key] ?? Int.max, rb = rank[grid.columns[b.element].key] ?? Int.max
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    /// The grid's attribute indices shown, in order.
    public func shownAttributes(of grid: MatrixGrid) -> [Int] {
        guard !hiddenAttributes.isEmpty else { return Array(grid.attributeNames.indices) }
        let hidden = Set(hiddenAttributes)
        return grid.attributeNames.indices.filter { !hidden.contains(grid.attributeNames[$0]) }
    }

    /// Moves status column `key` by `offset` places among `shown` (the keys as shown now),
    /// recording the whole order so it survives filters that drop columns.
    public mutating func move(column key: String, by offset: Int, shown: [String]) {
        var order = shown
        guard let from = order.firstIndex(of: key) else { return }
        let to = max(0, min(order.count - 1, from + offset))
        order.remove(at: from)
        order.insert(key, at: to)
        let rest = columnOrder.filter { !order.contains($0) }
        columnOrder = order + rest
    }
}

/// Which rows come first within a section, and in which direction.
///
/// ```swift
/// RowSort(.passRate).sorted(selection.rows, in: grid, columns: selection.columns)
/// ```
public struct RowSort: Sendable, Hashable, Codable {
    public enum Key: String, Sendable, Hashable, Codable, CaseIterable {
        case name
        /// Failed cells among the shown columns.
        case failures
        /// Passed over tested cells among the shown columns (uncertain is tested, not passed); untested rows last.
        case passRate = "pass-rate"
        /// The row's latest live run; rows never run last.
        case lastRun = "last-run"

        /// `name`, `failures`, `pass rate`, `last run`: for the status bar and help.
        public var label: String { rawValue.replacingOccurrences(of: "-", with: " ") }
    }

    public var key: Key
    public var descending: Bool

    public init(_ key: Key, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    /// `failures ↓`
    public var label: String { key.label + (descending ? " ↓" : " ↑") }

    /// `rows` reordered within their sections (sections keep the order they first appear in);
    /// ties keep their order, and rows without a value (no tested cell, never run) go last.
    public func sorted(_ rows: [Int], in grid: MatrixGrid, columns: [Int], lastRun: [String: Double] = [:]) -> [Int] {
        guard rows.count < 1 << 23 else { return rows }   // beyond the packed key's position bits: leave as is
        let values = Self.ranks(self.values(rows, in: grid, columns: columns, lastRun: lastRun))
        let top = UInt64(max(0, values.max() ?? 0))
        // One integer per row, sorted once (a 20,000-row sort is a sort of 20,000 integers):
        // section (in order of first appearance) · value rank (nil last, either direction) · position.
        var sectionRank: [Int32: UInt64] = [:]
        var keys = [UInt64](repeating: 0, count: rows.count)
        for (position, row) in rows.enumerated() {
            let section = grid.sectionIndex[row]
            let rank = sectionRank[section] ?? UInt64(sectionRank.count)
            sectionRank[section] = rank
            let value = values[position]
            let ordered: UInt64 = value < 0 ? (1 << 24) - 1 : descending ? top - UInt64(value) : UInt64(value)
            keys[position] = min(rank, (1 << 16) - 1) << 47 | ordered << 23 | UInt64(position)
        }
        keys.sort()
        return keys.map { rows[Int($0 & ((1 << 23) - 1))] }
    }

    /// Values replaced by their dense rank (0, 1, 2… in ascending order); nil becomes -1.
    static func ranks(_ values: [Double?]) -> [Int] {
        let distinct = Array(Set(values.compactMap { $0 })).sorted()
        guard distinct.count < (1 << 24) - 1 else { return values.map { _ in -1 } }
        return values.map { value in
            guard let value else { return -1 }
            var low = 0, high = distinct.count - 1
            while low < high {
                let middle = (low + high) / 2
                if distinct[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// One comparable number per row (nil: no value); names become their rank in name order.
    func values(_ rows: [Int], in grid: MatrixGrid, columns: [Int], lastRun: [String: Double]) -> [Double?] {
        switch key {
        case .name:
            let ranked = rows.indices.sorted { grid.rowKeys[rows[$0]] < grid.rowKeys[rows[$1]] }
            var rank = [Double?](repeating: nil, count: rows.count)
            var previous: String?
            var current = 0.0
            for (position, index) in ranked.enumerated() {
                let name = grid.rowKeys[rows[index]]
                if name != previous { current = Double(position); previous = name }
                rank[index] = current
            }
            return rank
        case .lastRun:
            return rows.map { lastRun[grid.rowKeys[$0]] }
        case .failures, .passRate:
            let width = grid.columnCount
            let failed = CellStatus.unsupported.code, passed = CellStatus.supported.code, uncertain = CellStatus.uncertain.code
            let failures = key == .failures
            return grid.statuses.withUnsafeBufferPointer { statuses in
                rows.map { row -> Double? in
                    var pass = 0, fail = 0, unsure = 0
                    let base = row * width
                    for column in columns {
                        let code = statuses[base + column]
                        if code == failed { fail += 1 } else if code == passed { pass += 1 } else if code == uncertain { unsure += 1 }
                    }
                    if failures { return Double(fail) }
                    // ``ColumnSummary/passRate``'s rule: passed over tested, uncertain is tested and not passed.
                    let tested = pass + fail + unsure
                    return tested == 0 ? nil : Double(pass) / Double(tested)
                }
            }
        }
    }
}

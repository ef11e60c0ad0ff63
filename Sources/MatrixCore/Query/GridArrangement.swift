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
    public func arrange(_ selection: Selection, in grid: MatrixGrid, lastRun: [String: Double] = [:]) -> Selection {
        var columns = selection.columns
        if !hiddenColumns.isEmpty {
            let hidden = Set(hiddenColumns)
            columns.removeAll { hidden.contains(grid.columns[$0].key) }
        }
        if !columnOrder.isEmpty {
            let rank = Dictionary(columnOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            columns = columns.enumerated().sorted { a, b in
                let ra = rank[grid.columns[a.element].key] ?? Int.max, rb = rank[grid.columns[b.element].key] ?? Int.max
                return ra != rb ? ra < rb : a.offset < b.offset
            }.map(\.element)
        }
        var rows = selection.rows
        if let sort { rows = sort.sorted(rows, in: grid, columns: columns, lastRun: lastRun) }
        return Selection(rows: rows, columns: columns)
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
        /// Passed (and uncertain) over tested cells among the shown columns; untested rows last.
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
        let values = self.values(rows, in: grid, columns: columns, lastRun: lastRun)
        var sectionRank: [Int32: Int] = [:]
        let sections = rows.map { row -> Int in
            let section = grid.sectionIndex[row]
            if let rank = sectionRank[section] { return rank }
            sectionRank[section] = sectionRank.count
            return sectionRank.count - 1
        }
        let descending = self.descending
        let order = rows.indices.sorted { a, b in
            if sections[a] != sections[b] { return sections[a] < sections[b] }
            switch (values[a], values[b]) {
            case (nil, nil): return a < b
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?):
                if x == y { return a < b }
                return descending ? x > y : x < y
            }
        }
        return order.map { rows[$0] }
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
                    var pass = 0, fail = 0
                    let base = row * width
                    for column in columns {
                        let code = statuses[base + column]
                        if code == failed { fail += 1 } else if code == passed || code == uncertain { pass += 1 }
                    }
                    if failures { return Double(fail) }
                    return pass + fail == 0 ? nil : Double(pass) / Double(pass + fail)
                }
            }
        }
    }
}

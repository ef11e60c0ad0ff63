/// Per-column status counts over a selection, for the explorer's top bar and `list` footers.
///
/// Seed 000's Summary reads `VLLM: 68/83 (81.9%) [failed: 15]`: there "passed" counts uncertain
/// cells too (they ran, but could not be verified). Both readings are exposed: ``supported`` is
/// strict, ``passedIncludingUncertain`` is seed 000's.
///
/// ```swift
/// let vllm = grid.summary(rows: Array(0..<grid.rowCount), columns: [1])[0]
/// "\(vllm.passedIncludingUncertain)/\(vllm.tested)"   // "68/83"
/// ```
public struct ColumnSummary: Sendable, Hashable {
    /// The column's index in the grid, its key and its title.
    public var column: Int
    public var key: String
    public var title: String
    /// ✅ / Yes.
    public var supported: Int
    /// ❌ / No.
    public var failed: Int
    /// ⚠️.
    public var uncertain: Int
    /// ➖ / Untested.
    public var untested: Int
    /// N/A.
    public var notApplicable: Int

    public init(column: Int, key: String, title: String, supported: Int = 0, failed: Int = 0,
                uncertain: Int = 0, untested: Int = 0, notApplicable: Int = 0) {
        self.column = column
        self.key = key
        self.title = title
        self.supported = supported
        self.failed = failed
        self.uncertain = uncertain
        self.untested = untested
        self.notApplicable = notApplicable
    }

    // MARK: - Derived counts

    /// Strictly passed (the query word `passed`): the same as ``supported``.
    public var passed: Int { supported }
    /// Passed the way seed 000's Summary counts it: supported plus uncertain.
    public var passedIncludingUncertain: Int { supported + uncertain }
    /// Cells that say something about support: supported, failed, uncertain.
    public var tested: Int { supported + failed + uncertain }
    /// Every cell counted.
    public var total: Int { tested + untested + notApplicable }
    /// Seed 000's percentage (passed including uncertain over tested), nil when nothing was tested.
    public var passRate: Double? {
        tested == 0 ? nil : Double(passedIncludingUncertain) / Double(tested)
    }

    /// The count of one status.
    public func count(of status: CellStatus) -> Int {
        switch status {
        case .supported: supported
        case .unsupported: failed
        case .uncertain: uncertain
        case .untested: untested
        case .notApplicable: notApplicable
        }
    }
}

extension MatrixGrid {
    // MARK: - Summaries

    /// Counts each status per column over the given rows, reading the flat status array.
    ///
    /// ```swift
    /// let selection = grid.select(query)
    /// let bar = grid.summary(rows: selection.rows, columns: selection.columns)
    /// ```
    /// Indices out of range are ignored rather than trapping: a stale selection after a re-import
    /// must not crash the explorer's top bar.
    public func summary(rows: [Int], columns: [Int]) -> [ColumnSummary] {
        let width = columnCount
        let validColumns = columns.filter { $0 >= 0 && $0 < width }
        // counts[position * 8 + code]
        var counts = [Int](repeating: 0, count: validColumns.count * 8)
        statuses.withUnsafeBufferPointer { statusBytes in
            for row in rows where row >= 0 && row < rowCount {
                let base = row * width
                for (position, column) in validColumns.enumerated() {
                    counts[position * 8 + Int(statusBytes[base + column] & 7)] += 1
                }
            }
        }
        return validColumns.enumerated().map { position, column in
            let slot = position * 8
            return ColumnSummary(
                column: column, key: self.columns[column].key, title: self.columns[column].title,
                supported: counts[slot + Int(CellStatus.supported.code)],
                failed: counts[slot + Int(CellStatus.unsupported.code)],
                uncertain: counts[slot + Int(CellStatus.uncertain.code)],
                untested: counts[slot + Int(CellStatus.untested.code)],
                notApplicable: counts[slot + Int(CellStatus.notApplicable.code)])
        }
    }
}

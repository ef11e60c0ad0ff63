/// Per-column status counts over a selection: the explorer's counts line, the `F` sheet, the
/// Markdown Summary. The one rule for what they say: an uncertain cell (⚠️: it ran, but no oracle
/// saw the effect) is tested and NOT passed.
///
/// ```swift
/// let vllm = grid.summary(rows: Array(0..<grid.rowCount), columns: [1])[0]
/// "\(vllm.passed)/\(vllm.tested) failed \(vllm.failed) uncertain \(vllm.uncertain)"   // "66/83 failed 15 uncertain 2"
/// ```
///
/// Seed 000's own Summary (`VLLM: 68/83 (81.9%) [failed: 15]`) counts ⚠️ as passed, as its
/// legend says ("Passed but validation uncertain"); ``passedIncludingUncertain`` keeps that
/// reading for the one place that writes the document back as it was imported.
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

    /// Passed (the query word `passed`): supported only; uncertain is not a pass.
    public var passed: Int { supported }
    /// Seed 000's "passed" (supported plus uncertain): only for writing that document back byte for byte.
    public var passedIncludingUncertain: Int { supported + uncertain }
    /// Cells that say something about support: supported, failed, uncertain.
    public var tested: Int { supported + failed + uncertain }
    /// Every cell counted.
    public var total: Int { tested + untested + notApplicable }
    /// Passed over tested (uncertain counts in the denominator only), nil when nothing was tested.
    public var passRate: Double? {
        tested == 0 ? nil : Double(passed) / Double(tested)
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

extension ColumnSummary {
    /// Counts one column of a document matrix (a row without the cell counts as untested).
    ///
    /// ```swift
    /// ColumnSummary(params, column: params.columns[1]).failed   // 15
    /// ```
    public init(_ matrix: Matrix, column: Column) {
        self.init(column: matrix.columns.firstIndex(of: column) ?? 0, key: column.key, title: column.title)
        for row in matrix.rows {
            switch row.cells[column.key]?.status ?? .untested {
            case .supported: supported += 1
            case .unsupported: failed += 1
            case .uncertain: uncertain += 1
            case .untested: untested += 1
            case .notApplicable: notApplicable += 1
            }
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
    ///
    /// The side-by-side view of a 20,000-row matrix is three million cells, counted again on every
    /// filter keystroke: the inner loop is a branch-free histogram (one slot per column and status
    /// code), with no bounds checks, so it costs about a nanosecond a cell.
    public func summary(rows: [Int], columns: [Int]) -> [ColumnSummary] {
        let width = columnCount
        let height = rowCount, validColumns = columns.filter { $0 >= 0 && $0 < width }
        // Slot `position * 8 + code` (codes 0...4, ``CellStatus/code``); any other byte lands in slot 7, uncounted.
        var histogram = [UInt32](repeating: 0, count: validColumns.count * 8)
        histogram.withUnsafeMutableBufferPointer { slots in
            statuses.withUnsafeBufferPointer { statusBytes in
                validColumns.withUnsafeBufferPointer { columns in
                    for row in rows where row >= 0 && row < height {
                        let cells = statusBytes.baseAddress! + row * width
                        for position in 0..<columns.count {
                            slots[position &* 8 &+ Int(min(cells[columns[position]], 7))] &+= 1
                        }
                    }
                }
            }
        }
        return validColumns.enumerated().map { position, column in
            let slot = position * 8
            func count(_ status: CellStatus) -> Int { Int(histogram[slot + Int(status.code)]) }
            return ColumnSummary(
                column: column, key: self.columns[column].key, title: self.columns[column].title,
                supported: count(.supported), failed: count(.unsupported), uncertain: count(.uncertain),
                untested: count(.untested), notApplicable: count(.notApplicable))
        }
    }
}

/// What a query selects in a grid: row indices and column indices, both in grid order.
public struct Selection: Sendable, Hashable {
    public var rows: [Int]
    public var columns: [Int]
    public init(rows: [Int], columns: [Int]) {
        self.rows = rows
        self.columns = columns
    }
}

extension MatrixGrid {
    // MARK: - Evaluating a query

    /// Evaluates a query.
    ///
    /// ```swift
    /// let selection = grid.select(try Query.parse("backend:vllm status:failed"))
    /// selection.rows.map { grid.rowKeys[$0] }    // the 15 vLLM failures of seed 000
    /// ```
    ///
    /// - Parameter noteMatches: the rows whose notes contain a free word, given by the store's
    ///   full-text index; nil means "no full-text index", and free words then match row names only.
    public func select(_ query: Query, noteMatches: (String) -> Set<Int>? = { _ in nil }) -> Selection {
        select(query, index: nil, noteMatches: noteMatches)
    }

    /// Evaluates a query with a search index the caller keeps between evaluations (the explorer,
    /// once per keystroke). A missing or stale index is built for this call only, and only when
    /// the query has free words or `model:` terms.
    ///
    /// ```swift
    /// let index = GridSearchIndex(grid)
    /// grid.select(query, index: index) { word in store.rowsWhoseNotesMatch(word) }
    /// ```
    public func select(_ query: Query, index: GridSearchIndex?,
                       noteMatches: (String) -> Set<Int>? = { _ in nil }) -> Selection {
        let plan = QueryPlan(query, grid: self)
        if plan.selectsNothing {
            return Selection(rows: [], columns: plan.dropsAllColumns ? [] : plan.keptColumns)
        }
        var textIndex: GridSearchIndex?
        if plan.needsText {
            textIndex = index.flatMap { $0.isCurrent(for: self) ? $0 : nil } ?? GridSearchIndex(self)
        }
        let words = plan.words.map {
            WordMatcher(fuzzy: FuzzyMatch($0.word), noteRows: noteMatches($0.word), negated: $0.negated)
        }
        let rows = matchingRows(plan, words: words, index: textIndex)
        return Selection(rows: rows, columns: plan.keptColumns)
    }

    // MARK: - The row loop

    /// Walks every row once: section check, status bits over the kept columns (read straight
    /// from the flat arrays), then the text checks, cheapest first.
    private func matchingRows(_ plan: QueryPlan, words: [WordMatcher], index: GridSearchIndex?) -> [Int] {
        var result: [Int] = []
        let width = columnCount
        let kept = plan.keptColumns
        let needsBits = plan.needsStatusBits
        statuses.withUnsafeBufferPointer { statusBytes in
            cellFlags.withUnsafeBufferPointer { flagBytes in
                kept.withUnsafeBufferPointer { keptColumns in
                    for row in 0..<rowCount {
                        if let allowed = plan.sectionAllowed {
                            let section = Int(sectionIndex[row])
                            if section < 0 ? !plan.unsectionedAllowed : !allowed[section] { continue }
                        }
                        if needsBits {
                            let bits = Self.statusBits(row: row * width, columns: keptColumns,
                                                       statuses: statusBytes, flags: flagBytes)
                            if bits & plan.requiredBits != plan.requiredBits { continue }
                            if bits & plan.forbiddenBits != 0 { continue }
                            if plan.requiresTested && bits & QueryPlan.testedBits == 0 { continue }
                        }
                        if let index {
                            if !Self.textMatches(row: row, plan: plan, words: words, index: index) { continue }
                        }
                        result.append(row)
                    }
                }
            }
        }
        return result
    }

    /// The status and change bits of one row over the kept columns (see ``QueryPlan``).
    ///
    /// Branch-free over the cells (a side-by-side view has 150 of them a row, and every filter
    /// keystroke reads them all): a bit per status byte seen and the OR of the flag bytes, then
    /// the flags turned into change bits once per row.
    @inline(__always)
    private static func statusBits(row base: Int, columns: UnsafeBufferPointer<Int>,
                                   statuses: UnsafeBufferPointer<UInt8>,
                                   flags: UnsafeBufferPointer<UInt8>) -> UInt16 {
        var seen: UInt32 = 0
        var flagged: UInt8 = 0
        let cells = statuses.baseAddress! + base, cellFlags = flags.baseAddress! + base
        for column in columns {
            seen |= 1 &<< UInt32(min(cells[column], 31))
            flagged |= cellFlags[column]
        }
        // Bytes above notApplicable's code are no status (a corrupt byte): they set no kept bit.
        var bits = UInt16(truncatingIfNeeded: seen) & (1 << (CellStatus.notApplicable.code + 1) - 1)
        if flagged & CellFlags.differs.rawValue != 0 { bits |= QueryPlan.differsBit }
        if flagged & CellFlags.regression.rawValue != 0 { bits |= QueryPlan.regressionBit | QueryPlan.changedAnyBit }
        if flagged & CellFlags.fix.rawValue != 0 { bits |= QueryPlan.fixBit | QueryPlan.changedAnyBit }
        return bits
    }

    /// `model:` terms and free words for one row.
    private static func textMatches(row: Int, plan: QueryPlan, words: [WordMatcher], index: GridSearchIndex) -> Bool {
        if !plan.models.isEmpty {
            let key = index.key(ofRow: row)
            for model in plan.models where model.matcher.matches(key) == model.negated { return false }
        }
        for word in words where word.matchesRow(row, index: index) == word.negated { return false }
        return true
    }
}

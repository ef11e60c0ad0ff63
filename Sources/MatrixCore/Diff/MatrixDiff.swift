/// Computes what changed between two versions of a matrix, and merges result files into one.
extension Matrix {
    /// The changes from `old` to `self`: columns added or removed, rows added or removed, then
    /// each cell whose status moved (in row order; a missing cell counts as untested; only
    /// columns and rows both versions have). A nil `old` (first import) yields no changes.
    ///
    /// ```swift
    /// new.changes(since: old)   // [.statusChanged(row: "vllm.block_size=8", column: "vllm", from: .unsupported, to: .supported)]
    /// ```
    public func changes(since old: Matrix?) -> [MatrixChange] {
        guard let old else { return [] }
        let oldColumns = Set(old.columns.map(\.key))
        let newColumns = Set(columns.map(\.key))
        let oldRows = Dictionary(old.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let newRows = Set(rows.map(\.key))
        var changes: [MatrixChange] = []
        changes += columns.filter { !oldColumns.contains($0.key) }.map { .columnAdded(column: $0.key) }
        changes += old.columns.filter { !newColumns.contains($0.key) }.map { .columnRemoved(column: $0.key) }
        changes += rows.filter { oldRows[$0.key] == nil }.map { .rowAdded(row: $0.key) }
        changes += old.rows.filter { !newRows.contains($0.key) }.map { .rowRemoved(row: $0.key) }
        for row in rows {
            guard let before = oldRows[row.key] else { continue }
            for column in columns where oldColumns.contains(column.key) {
                let from = before.cells[column.key]?.status ?? .untested
                let to = row.cells[column.key]?.status ?? .untested
                if from != to { changes.append(.statusChanged(row: row.key, column: column.key, from: from, to: to)) }
            }
        }
        return changes
    }

    /// This matrix with one backend's results merged in (see ``TestResults``): the backend's
    /// cells are replaced for the rows in the results, the column is added when missing, new
    /// rows go into their section (canonical sections first, rows sorted by key bytes).
    ///
    /// ```swift
    /// params.merging(try TestResultsJSON.parse(bytes, path: "test_results_vllm.json"))
    /// ```
    public func merging(_ results: TestResults) -> Matrix {
        var merged = self
        if merged.column(results.backend) == nil {
            merged.columns.append(Column(key: results.backend, title: ParameterSection.backendTitle(for: results.backend)))
        }
        var index = Dictionary(merged.rows.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var added = false
        for row in results.rows {
            let cell = row.cells[results.backend]
            if let position = index[row.key] {
                merged.rows[position].cells[results.backend] = cell
            } else {
                var newRow = Row(key: row.key, section: row.section ?? ParameterSection.section(for: row.key))
                newRow.cells[results.backend] = cell
                index[row.key] = merged.rows.count
                merged.rows.append(newRow)
                added = true
            }
        }
        if added {
            let order = ParameterSection.ordered(merged.sections)
            let rank = Dictionary(order.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
            merged.rows.sort { lhs, rhs in
                let left = lhs.section.flatMap { rank[$0] } ?? order.count
                let right = rhs.section.flatMap { rank[$0] } ?? order.count
                if left != right { return left < right }
                return lhs.key.utf8.lexicographicallyPrecedes(rhs.key.utf8)
            }
        }
        return merged
    }

    /// The same matrix restricted to the given rows and columns, in the given order; unknown
    /// keys are ignored, and only the footnotes still cited are kept.
    ///
    /// ```swift
    /// params.restricted(toRows: ["vllm.block_size=8"], columns: ["vllm"]).rows.count   // 1
    /// ```
    public func restricted(toRows rowKeys: [String], columns columnKeys: [String]) -> Matrix {
        var result = self
        let keptColumns = columnKeys.compactMap { column($0) }
        let columnSet = Set(keptColumns.map(\.key))
        let byKey = Dictionary(rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        result.columns = keptColumns
        result.rows = rowKeys.uniqued().compactMap { byKey[$0] }.map { row in
            var row = row
            row.cells = row.cells.filter { columnSet.contains($0.key) }
            return row
        }
        result.footnotes = footnotes.filter { !result.citations(of: $0.label).isEmpty }
        return result
    }
}

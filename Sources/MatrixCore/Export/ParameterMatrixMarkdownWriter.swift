import Foundation

/// Writes a `params` matrix in seed 000's layout: preamble, Summary, Legend, one table per
/// section, appendix. The whole of seed 000 comes back byte for byte.
///
/// ```swift
/// let text = ParameterMatrixMarkdownWriter.write(params, generatedAt: "2026-02-04 14:04")
/// text.hasPrefix("# Parameter Support Matrix")   // true
/// ```
enum ParameterMatrixMarkdownWriter {
    static let legend = """
        ## Legend

        | Symbol | Meaning |
        |--------|---------|
        | ✅ | Passed - parameter works correctly |
        | ❌ | Failed - parameter not supported or error |
        | ⚠️ | Passed but validation uncertain |
        | ➖ | Not tested for this backend |


        """

    /// An excerpt's legend: its Summary does not count ⚠️ as passed, so neither does its legend.
    static let excerptLegend = legend.replacingOccurrences(
        of: "| ⚠️ | Passed but validation uncertain |",
        with: "| ⚠️ | Uncertain - it ran, but the effect could not be verified (not counted as passed) |")

    /// - Parameter excerpt: the matrix is a selection of the document (some rows or columns): it
    ///   gets a heading that says so instead of the document's preamble (its "Last updated" date
    ///   and the generator script of the seed's own repository), and no appendix (the seed's
    ///   "Backend Recommendations" speak about the whole document).
    static func write(_ matrix: Matrix, generatedAt: String, live: LiveVerdicts = .none, excerpt: Bool = false) -> String {
        var out = excerpt ? excerptHeading(matrix, generatedAt: generatedAt) : preamble(matrix, generatedAt: generatedAt)
        out += "## Summary\n\n"
        for column in matrix.columns { out += summaryLine(matrix, column: column, excerpt: excerpt) + "\n" }
        out += "\n" + (excerpt ? excerptLegend : legend)
        let grouped = Dictionary(grouping: matrix.rows, by: sectionName(of:))
        let sections = matrix.rows.map(sectionName(of:)).uniqued()   // in the order stored
        for section in sections {
            out += "## \(section)\n\n"
            out += "| \(matrix.rowHeader.isEmpty ? "Parameter" : matrix.rowHeader) | "
            out += matrix.columns.map(\.title).joined(separator: " | ") + " | Notes |\n"
            let titles = [matrix.rowHeader.isEmpty ? "Parameter" : matrix.rowHeader] + matrix.columns.map(\.title) + ["Notes"]
            out += "|" + titles.map { String(repeating: "-", count: $0.count + 2) }.joined(separator: "|") + "|\n"
            for row in grouped[section] ?? [] {
                let cells = matrix.columns.map { glyph(row.cells[$0.key]) }
                out += "| `\(row.key)` | " + cells.joined(separator: " | ") +  " | \(notesColumn(row, matrix: matrix, live: live)) |\n"
            }
            out += "\n"
        }
        if !excerpt { out += matrix.appendix ?? "" }
        return out
    }

    /// `# Parameter Support Matrix (excerpt)` and a line saying what was selected and when.
    private static func excerptHeading(_ matrix: Matrix, generatedAt: String) -> String {
        let title = matrix.title.isEmpty ? "Parameter Support Matrix" : matrix.title
        let rows = matrix.rows.count, columns = matrix.columns.count
        let when = generatedAt.isEmpty ? "" : " on \(generatedAt)"
        return "# \(title) (excerpt)\n\n> \(rows) row\(rows == 1 ? "" : "s") and \(columns) column\(columns == 1 ? "" : "s") "
            + "selected in InferMatrix\(when).\n\n"
    }

    // MARK: - Parts

    private static func sectionName(of row: Row) -> String {
        row.section ?? ParameterSection.section(for: row.key)
    }

    /// The cell's glyph: its literal when that is one (`⚠` stays `⚠`), else its status's
    /// (a result file's `skipped` shows as ➖).
    private static func glyph(_ cell: Cell?) -> String {
        guard let cell else { return CellStatus.untested.symbol }
        return CellStatus(symbol: cell.literal) != nil ? cell.literal : cell.status.symbol
    }

    /// The stored preamble with its `> Last updated:` line set to `generatedAt` (when given).
    private static func preamble(_ matrix: Matrix, generatedAt: String) -> String {
        guard let stored = matrix.preamble else {
            return """
                # \(matrix.title.isEmpty ? "Parameter Support Matrix" : matrix.title)

                > Auto-generated from test results. Run `python scripts/generate_param_matrix.py` to update.
                > Last updated: \(generatedAt)


                """
        }
        guard !generatedAt.isEmpty else { return stored }
        return stored.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("> Last updated: ") ? "> Last updated: \(generatedAt)" : String(line)
        }.joined(separator: "\n")
    }

    /// The document's own line, `- **VLLM**: 68/83 (81.9%) [failed: 15, skipped: 0]`, where
    /// "passed" counts ⚠️ as its legend does (so seed 000 comes back byte for byte); an excerpt's,
    /// `- **VLLM**: 66/83 (79.5%) [failed: 15, uncertain: 2, skipped: 0]`, under
    /// ``ColumnSummary``'s rule (uncertain is not passed). The total is tested plus cells whose
    /// literal is `skipped`.
    static func summaryLine(_ matrix: Matrix, column: Column, excerpt: Bool = false) -> String {
        let summary = ColumnSummary(matrix, column: column)
        let skipped = matrix.rows.count { $0.cells[column.key].map { $0.status == .untested && $0.literal == "skipped" } ?? false }
        let passed = excerpt ? summary.passed : summary.passedIncludingUncertain
        let total = summary.tested + skipped
        let percent = total == 0 ? 0.0 : Double(passed) / Double(total) * 100
        return "- **\(column.key.uppercased())**: \(passed)/\(total) (\(String(format: "%.1f", percent))%) "
            + "[failed: \(summary.failed), " + (excerpt ? "uncertain: \(summary.uncertain), " : "") + "skipped: \(skipped)]"
    }

    /// The Notes column: live results first (`vllm (live, H100): ❌ failed: reason`: the table's
    /// glyph stays the imported one), then each column's note (shortened; a skip reason is not
    /// shown), then the row's own notes, at most two.
    static func notesColumn(_ row: Row, matrix: Matrix, live: LiveVerdicts = .none) -> String {
        var notes: [String] = []
        for column in matrix.columns {
            guard let verdict = live[row.key, column.key] else { continue }
            var text = "\(verdict.status.symbol) \(verdict.run.status.rawValue)"
            if !verdict.run.reason.isEmpty { text += ": " + verdict.run.reason }
            // A reason is free text: keep it on the table's line and out of its cell borders.
            text = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "/")
            notes.append(ParameterNotes.shorten(text, key: "\(column.key) (live, \(verdict.environmentName))"))
        }
        for column in matrix.columns {
            guard let cell = row.cells[column.key], cell.literal != "skipped", let note = cell.note else { continue }
            notes.append(ParameterNotes.shorten(note, key: column.key))
        }
        notes += row.notes.map { ParameterNotes.shorten($0, key: nil) }
        return ParameterNotes.column(notes)
    }
}

import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore
import Explorer

/// The rows and columns a query selects in one stored matrix: the selection rules `list` and
/// `export` share. The matrix is `--matrix`, else the query's `matrix:` term, else `params`.
/// The grid is the view of the environments named by `--env` and the query's `env:`/`differs:`
/// terms (``EnvironmentView``), so `status:`, `differs` and `changed:` see what the explorer shows.
///
/// ```swift
/// let selection = try MatrixSelection(store: store, query: "backend:vllm status:failed", matrix: nil)
/// selection.rowKeys.count   // 15
/// ```
struct MatrixSelection {
    var grid: MatrixGrid
    var selection: Selection
    var store: MatrixDatabase
    var view: EnvironmentView

    /// - Parameter saved: a saved view (`--view`): its query comes first (`text` adds terms), its
    ///   matrix and environments apply unless given, and its arrangement sorts and hides.
    init(store: MatrixDatabase, query text: String?, matrix explicit: String?, environments: [String] = [],
         saved: SavedView? = nil) throws {
        let query = try Query.parse(saved?.query(adding: text) ?? text ?? "")
        let fromQuery = query.terms.compactMap { term -> String? in
            if case .matrix(let name) = term.kind, !term.negated { return name }
            return nil
        }.first
        let name = explicit ?? fromQuery ?? saved?.matrix ?? "params"
        self.store = store
        let chosen = environments.isEmpty ? saved?.environments ?? [] : environments
        view = try store.view(name, environments: chosen + query.environmentNames, aliases: try EnvironmentAliases.load())
        grid = view.grid
        let matrixName = grid.name
        selection = grid.select(query) { word in try? store.noteMatches(matrix: matrixName, word: word) }
        if let arrangement = saved?.arrangement, !arrangement.isDefault {
            let lastRun = arrangement.sort?.key == .lastRun
                ? RowSort.lastRunTimes(try store.runs(matrix: matrixName, rows: nil, columns: nil)) : [:]
            selection = arrangement.arrange(selection, in: grid, lastRun: lastRun)
        }
    }

    var rowKeys: [String] { selection.rows.map { grid.rowKeys[$0] } }
    var columnKeys: [String] { selection.columns.map { grid.columns[$0].key } }

    /// Aligned text: row name, text attributes, then one glyph (params) or word (features) per
    /// column with the explorer's marks after it (``CellMarker``: `*` note, `L` live, `~` differs,
    /// `!` regression or fix), and under the table the ``Legend`` of every glyph and mark it shows.
    func table() -> String {
        let header = [grid.rowHeader.isEmpty ? "Row" : grid.rowHeader] + grid.attributeNames
            + selection.columns.map { grid.columns[$0].title }
        var statuses = Set<CellStatus>(), markers = Set<CellMarker>()
        let rows = selection.rows.map { row in
            [grid.rowKeys[row]] + grid.attributes[row]
                + selection.columns.map { column in
                    let status = grid.status(row: row, column: column)
                    let marks = CellMarker.markers(for: grid.flags(row: row, column: column))
                    statuses.insert(status)
                    markers.formUnion(marks)
                    return (grid.kind == .parameters ? status.symbol : status.word) + marks.map(\.symbol).joined()
                }
        }
        let legend = Legend(glyphs: grid.kind == .parameters ? .emoji : nil,
                            statuses: CellStatus.allCases.filter(statuses.contains),
                            markers: CellMarker.allCases.filter(markers.contains))
        let legendText = legend.entries.isEmpty ? "" : "\nLegend:\n" + legend.longLines.map { "  \($0)\n" }.joined()
        return TextTable(header: header, rows: rows).render() + legendText
    }

    /// Writes the selection in `format` to `path` (stdout when nil or `-`; ``Console/emit(to:raw:_:)``):
    /// `table` is the aligned text of ``table()``; the store writes the others from the grid
    /// already loaded, decoding only the selected cells, a CSV or TSV in chunks as it goes.
    func emit(_ format: OutputFormat, to path: String?, raw: Bool) throws {
        let exportFormat: ExportFormat
        switch format {
        case .table: return try Console.emit(table(), to: path, raw: raw)
        case .csv: exportFormat = .csv
        case .tsv: exportFormat = .tsv
        case .json: exportFormat = .json
        case .md: exportFormat = .markdown
        }
        guard !view.isSideBySide else {
            throw ValidationError("\(format.rawValue) exports write one environment's verdicts beside the document: "
                                  + "name one with --env (side by side is a table: --format table)")
        }
        let documentOnly = view.shown.count == 1 && view.shown[0].isDocument
        try Console.emit(to: path, raw: raw) { sink in
            // Only Markdown prints the time (a DateFormatter loads ICU's data: milliseconds).
            // Not side by side: the view's grid has the imported one's rows and columns.
            try store.export(grid.name, selection: selection, of: view.imported, as: exportFormat,
                             generatedAt: exportFormat == .markdown ? Self.stamp() : "",
                             live: !documentOnly, environment: view.overlayEnvironment, to: sink)
        }
    }

    /// `2026-02-04 14:04`: the time written into a Markdown export's "Last updated" line.
    static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }

    var countLine: String {
        "\(selection.rows.count) of \(grid.rowCount) rows, \(selection.columns.count) of \(grid.columnCount) columns (\(grid.name))"
    }
}

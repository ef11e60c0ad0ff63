import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore

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

    init(store: MatrixDatabase, query text: String?, matrix explicit: String?, environments: [String] = []) throws {
        let query = try Query.parse(text ?? "")
        let fromQuery = query.terms.compactMap { term -> String? in
            if case .matrix(let name) = term.kind, !term.negated { return name }
            return nil
        }.first
        let name = explicit ?? fromQuery ?? "params"
        self.store = store
        view = try store.view(name, environments: environments + query.environmentNames, aliases: try EnvironmentAliases.load())
        grid = view.grid
        let matrixName = grid.name
        selection = grid.select(query) { word in try? store.noteMatches(matrix: matrixName, word: word) }
    }

    var rowKeys: [String] { selection.rows.map { grid.rowKeys[$0] } }
    var columnKeys: [String] { selection.columns.map { grid.columns[$0].key } }

    /// Marks after a status in the table: a live verdict, one that differs from the document's,
    /// and a regression or fix (same backend, same device class: `docs/environments.md`).
    static let liveMark = "*", differsMark = "~", changeMark = "!"
    static let legend = "* live result (latest decisive run)   ~ differs from the document or another shown environment   ! regression or fix (same backend and device)\n"

    /// Aligned text: row name, text attributes, then one glyph (params) or word (features) per
    /// column; a live verdict is marked `*` (`~` where it differs from the document, `!` for a
    /// regression or fix), with a legend
    /// line under the table when any is shown.
    func table() -> String {
        let header = [grid.rowHeader.isEmpty ? "Row" : grid.rowHeader] + grid.attributeNames
            + selection.columns.map { grid.columns[$0].title }
        var marked = false
        let rows = selection.rows.map { row in
            [grid.rowKeys[row]] + grid.attributes[row]
                + selection.columns.map { column in
                    let status = grid.status(row: row, column: column)
                    let flags = grid.flags(row: row, column: column)
                    let text = grid.kind == .parameters ? status.symbol : status.word
                    guard !flags.intersection([.live, .differs]).isEmpty else { return text }
                    marked = true
                    if !flags.intersection([.regression, .fix]).isEmpty { return text + Self.changeMark }
                    return text + (flags.contains(.differs) ? Self.differsMark : Self.liveMark)
                }
        }
        return TextTable(header: header, rows: rows).render() + (marked ? Self.legend : "")
    }

    /// The selection in `format`; `table` is the aligned text of ``table()``. CSV and TSV are
    /// assembled chunk by chunk by the store.
    func render(_ format: OutputFormat) throws -> String {
        let exportFormat: ExportFormat
        switch format {
        case .table: return table()
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
        return try store.export(grid.name, rows: rowKeys, columns: columnKeys, as: exportFormat, generatedAt: Self.stamp(),
                                live: !documentOnly, environment: view.overlayEnvironment)
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

import ArgumentParser
import Foundation
import MatrixCore

/// `infermatrix export QUERY -o FILE`: a selection written to a file (same rules as `list`).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the rows a query selects to a file (CSV, TSV, JSON or Markdown), or their live runs (--runs).",
        discussion: """
            Examples:
              infermatrix export 'backend:vllm status:failed' -o vllm-failures.csv
              infermatrix export '' --matrix params -o params.md
              infermatrix export --runs 'backend:pytorch' -o data/runs/h100.runs.json
            Exports carry the live verdicts of one environment beside the imported statuses, each \
            naming its environment (docs/export-schema.md); --env NAME picks it (default: the latest \
            decisive verdict of the column's own backend). \
            With --runs the file holds the selected cells' recorded runs in full, in the runs-file \
            format that `infermatrix import` reads back (docs/import-formats.md).
            """)

    @Argument(help: "A query, as for `list` (empty selects the whole matrix).")
    var query: String = ""

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The file to write.", valueName: "file"))
    var output: String

    @Option(name: .long, help: "csv, tsv, json or md; default: from the file's extension.")
    var format: OutputFormat?

    @Option(name: .long, help: "The matrix to export; default: the query's matrix: term, else params.")
    var matrix: String?

    @Flag(name: .long, help: "Write the selected cells' live runs (a runs file, JSON) instead of the matrix.")
    var runs = false

    @OptionGroup var environments: EnvironmentOptions

    @OptionGroup var savedView: ViewOption

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if runs && environments.document { throw ValidationError("--runs writes live runs; --document leaves them out: pick one") }
        if runs {
            let implied = OutputFormat(fileName: output)
            if (format ?? implied ?? .json) != .json {
                throw ValidationError("--runs writes a runs file (JSON); name it FILE.runs.json or pass --format json")
            }
            return
        }
        let chosen = format ?? OutputFormat(fileName: output)
        guard let chosen else {
            throw ValidationError("cannot tell the format from \"\(output)\"; pass --format csv|tsv|json|md")
        }
        if chosen == .table { throw ValidationError("export writes csv, tsv, json or md, not table") }
    }

    func run() throws {
        try Console.run {
            let store = try database.open(readOnly: true)
            let selection = try MatrixSelection(store: store, query: query, matrix: matrix, environments: environments.names,
                                            saved: try savedView.load())
            if runs {
                let columns = Array(Set(selection.columnKeys.map { MatrixGrid.splitSubColumnKey($0).column }))
                let shown = selection.view.shown.filter { !$0.isDocument }
                var found = try store.runs(matrix: selection.grid.name, rows: selection.rowKeys, columns: columns)
                    .filter { shown.isEmpty || shown.contains(Environment(run: $0)) }
                for index in found.indices { found[index].id = nil }   // database ids mean nothing elsewhere
                try Console.emit(RunsFile(runs: found).encoded(), to: output)
                Console.note("wrote \(output): \(found.count) run\(found.count == 1 ? "" : "s") of " + selection.countLine)
                return
            }
            try selection.emit(format ?? OutputFormat(fileName: output) ?? .csv, to: output, raw: false)
            Console.note("wrote \(output): " + selection.countLine)
        }
    }
}

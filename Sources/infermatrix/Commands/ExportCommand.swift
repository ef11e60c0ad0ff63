import ArgumentParser
import Foundation

/// `infermatrix export QUERY -o FILE`: a selection written to a file (same rules as `list`).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the rows a query selects to a file (CSV, TSV, JSON or Markdown).",
        discussion: """
            Examples:
              infermatrix export 'backend:vllm status:failed' -o vllm-failures.csv
              infermatrix export '' --matrix params -o params.md
            """)

    @Argument(help: "A query, as for `list` (empty selects the whole matrix).")
    var query: String = ""

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The file to write.", valueName: "file"))
    var output: String

    @Option(name: .long, help: "csv, tsv, json or md; default: from the file's extension.")
    var format: OutputFormat?

    @Option(name: .long, help: "The matrix to export; default: the query's matrix: term, else params.")
    var matrix: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        let chosen = format ?? OutputFormat(fileName: output)
        guard let chosen else {
            throw ValidationError("cannot tell the format from \"\(output)\"; pass --format csv|tsv|json|md")
        }
        if chosen == .table { throw ValidationError("export writes csv, tsv, json or md, not table") }
    }

    func run() throws {
        try Console.run {
            let store = try database.open()
            let selection = try MatrixSelection(store: store, query: query, matrix: matrix)
            try Console.emit(try selection.render(format ?? OutputFormat(fileName: output) ?? .csv), to: output)
            Console.note("wrote \(output): " + selection.countLine)
        }
    }
}

import ArgumentParser
import Foundation

/// `infermatrix list [QUERY]`: the rows a query selects, as a table or in an export format.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the rows of a matrix that a query selects.",
        discussion: """
            Examples:
              infermatrix list --matrix params 'backend:vllm status:failed'
              infermatrix list 'matrix:features feature:"KV Cache Reuse" status:failed'
            The row count goes to stderr.
            """)

    @Argument(help: "A query: free words, backend:/feature:/column:, status:, section:, model:, matrix:, -negation.")
    var query: String?

    @Option(name: .long, help: "The matrix to list (params, models, features, multimodal); default: the query's matrix: term, else params.")
    var matrix: String?

    @Option(name: .long, help: "Output format: table, csv, tsv, json or md.")
    var format: OutputFormat = .table

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    @OptionGroup var environments: EnvironmentOptions

    @OptionGroup var savedView: ViewOption

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try Console.run {
            let store = try database.open(readOnly: true)
            let selection = try MatrixSelection(store: store, query: query, matrix: matrix, environments: environments.names,
                                            saved: try savedView.load())
            try selection.emit(format, to: output, raw: format != .table)
            Console.note(selection.countLine)
        }
    }
}

import ArgumentParser

/// The `infermatrix` command tree. Subcommands live one per file under `Commands/`.
///
/// ```sh
/// infermatrix list --matrix params 'backend:vllm status:failed'
/// ```
@main
struct Infermatrix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infermatrix",
        abstract: "Explore, query, import and export LLM inference-backend compatibility matrices.",
        discussion: """
            With no subcommand, opens the explorer on your database. Data lives in \
            $XDG_DATA_HOME/infermatrix/matrix.sqlite (see `infermatrix db path`); --db overrides it.
            """,
        subcommands: [
            ListCommand.self,
            ShowCommand.self,
            ImportCommand.self,
            DiffCommand.self,
            ExportCommand.self,
            DbCommand.self,
            TestCommand.self,
            TelemetryCommand.self,
        ])

    @OptionGroup var database: DatabaseOptions

    /// The no-argument invocation: the explorer (issue 3) replaces this line.
    func run() throws {
        print("infermatrix: the explorer is not built yet; try `infermatrix list` or `infermatrix --help`.")
    }
}

import ArgumentParser
import Foundation

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
            ExploreCommand.self,
            ListCommand.self,
            ShowCommand.self,
            ImportCommand.self,
            DiffCommand.self,
            EnvsCommand.self,
            CompareCommand.self,
            ExportCommand.self,
            DbCommand.self,
            TestCommand.self,
            TelemetryCommand.self,
        ])

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var look: LookOptions
    @OptionGroup var savedView: ViewOption

    /// Parses and runs like ArgumentParser's own `main`, except that usage errors exit 2 (not 64).
    static func main() async {
        Console.prepareStreams()
        var command: ParsableCommand
        do {
            command = try parseAsRoot(NegatedQuery.protect(TestCommand.bareRay(Array(CommandLine.arguments.dropFirst()))))
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.err(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
        do {
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    /// The no-argument invocation opens the explorer, as `infermatrix explore` does.
    func run() throws {
        try ExploreCommand.launch(databasePath: database.path, theme: look.theme, glyphs: look.glyphs, startView: look.startView,
                                  view: savedView)
    }
}

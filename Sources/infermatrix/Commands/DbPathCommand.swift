import ArgumentParser
import MatrixStore

/// `infermatrix db path`: prints the database path this invocation would use.
struct DbPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Print the path of the user database ($XDG_DATA_HOME/infermatrix/matrix.sqlite, or --db).")

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Print the bundled database's path instead.")
    var bundled = false

    func run() throws {
        try Console.run {
            if bundled {
                guard let path = DataLocations().bundledDatabase else {
                    throw StoreError(path: "data/matrix.sqlite", message: "was not found next to the executable or above it")
                }
                Console.out(path + "\n")
            } else {
                Console.out(database.path + "\n")
            }
        }
    }
}

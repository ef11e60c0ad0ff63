import ArgumentParser
import Foundation
import MatrixStore

/// `--db PATH`, shared by every command that reads or writes the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file to use (created from the bundled one if missing).",
        discussion: "Default: $XDG_DATA_HOME/infermatrix/matrix.sqlite (~/.local/share/infermatrix/matrix.sqlite).",
        valueName: "path"))
    var db: String?

    func validate() throws {
        if db?.isEmpty == true { throw ValidationError("--db needs a path (an empty one names no file)") }
    }

    /// The database path this invocation uses.
    var path: String { db ?? DataLocations().userDatabase }

    /// Opens the database, creating it on first use; what happened goes to stderr. `readOnly`
    /// for the commands that only read (`list`, `show`, `export`): they write nothing to it.
    func open(readOnly: Bool = false) throws -> MatrixDatabase {
        try MatrixDatabase.openOrCreate(path: path, readOnly: readOnly) { Console.note($0) }
    }

    /// A command's body on the opened database, inside `Console.run` (an error printed, exit 1).
    ///
    /// ```swift
    /// try database.run { store in Console.out(try store.environments().description) }
    /// ```
    func run(_ body: (MatrixDatabase) throws -> Void) throws {
        try Console.run { try body(try open()) }
    }
}

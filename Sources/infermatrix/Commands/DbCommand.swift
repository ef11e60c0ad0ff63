import ArgumentParser

/// `infermatrix db path|rebuild|check`: where the database is, and the bundled database's upkeep.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Locate the database, rebuild the bundled one, or check it against its sources.",
        subcommands: [DbPathCommand.self, DbRebuildCommand.self, DbCheckCommand.self])
}

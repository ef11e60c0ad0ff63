import ArgumentParser
import MatrixStore

/// `--sources DIR --runs DIR`: what the bundled database is built from, shared by `db rebuild` and
/// `db check` (one build, so one set of inputs), with the rule that finds the database beside them.
///
/// ```swift
/// let (sources, database) = try inputs.resolve(database: output)   // "data/sources", "data/matrix.sqlite"
/// ```
struct BundleSourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The sources directory; default: the nearest data/sources.", valueName: "dir"))
    var sources: String?

    @Option(name: .long, help: ArgumentHelp("The committed runs (*.runs.json); default: data/runs beside the sources.", valueName: "dir"))
    var runs: String?

    /// The sources directory and the bundled database (`database`, else `matrix.sqlite` beside the sources).
    func resolve(database: String?) throws -> (sources: String, database: String) {
        guard let sources = sources ?? DataLocations().sourcesDirectory else {
            throw StoreError(path: "data/sources", message: "was not found above the current directory; pass --sources")
        }
        let directory = sources.hasSuffix("/") ? String(sources.dropLast()) : sources
        let parent = directory.contains("/") ? String(directory[..<directory.lastIndex(of: "/")!]) : "."
        return (directory, database ?? parent + "/matrix.sqlite")
    }
}

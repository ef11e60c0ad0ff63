import ArgumentParser
import MatrixStore

/// `infermatrix db rebuild`: builds `data/matrix.sqlite` from `data/sources/*`, deterministically.
struct DbRebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the bundled data/matrix.sqlite from data/sources and data/runs (sorted inputs, fixed import time).")

    @Option(name: .long, help: ArgumentHelp("The sources directory; default: the nearest data/sources.", valueName: "dir"))
    var sources: String?

    @Option(name: .long, help: ArgumentHelp("The committed runs (*.runs.json); default: data/runs beside the sources.", valueName: "dir"))
    var runs: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The database to write; default: data/matrix.sqlite beside the sources.", valueName: "file"))
    var output: String?

    func run() throws {
        try Console.run {
            let (sources, output) = try BundledPaths.resolve(sources: sources, database: output)
            for report in try MatrixDatabase.buildBundled(sources: sources, runs: runs, output: output) {
                let matrices = report.matrices.map { "\($0.name) (\($0.rowCount) rows, \($0.columnCount) columns)" }
                Console.out("\(report.source.path): " + (matrices + (report.runs.map { ["\($0)"] } ?? [])).joined(separator: ", ") + "\n")
            }
            Console.out("wrote \(output)\n")
        }
    }
}

/// The sources directory and bundled database `rebuild` and `check` work on.
enum BundledPaths {
    static func resolve(sources: String?, database: String?) throws -> (sources: String, database: String) {
        guard let sources = sources ?? DataLocations().sourcesDirectory else {
            throw StoreError(path: "data/sources", message: "was not found above the current directory; pass --sources")
        }
        let directory = sources.hasSuffix("/") ? String(sources.dropLast()) : sources
        let parent = directory.contains("/") ? String(directory[..<directory.lastIndex(of: "/")!]) : "."
        return (directory, database ?? parent + "/matrix.sqlite")
    }
}

import ArgumentParser
import MatrixStore

/// `infermatrix db rebuild`: builds `data/matrix.sqlite` from `data/sources/*`, deterministically.
struct DbRebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the bundled data/matrix.sqlite from data/sources and data/runs (sorted inputs, fixed import time).")

    @OptionGroup var inputs: BundleSourceOptions

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The database to write; default: data/matrix.sqlite beside the sources.", valueName: "file"))
    var output: String?

    func run() throws {
        try Console.run {
            let (sources, output) = try inputs.resolve(database: output)
            for report in try MatrixDatabase.buildBundled(sources: sources, runs: inputs.runs, output: output) {
                let matrices = report.matrices.map { "\($0.name) (\($0.rowCount) rows, \($0.columnCount) columns)" }
                Console.out("\(report.source.path): " + (matrices + (report.runs.map { ["\($0)"] } ?? [])).joined(separator: ", ") + "\n")
            }
            Console.out("wrote \(output)\n")
        }
    }
}

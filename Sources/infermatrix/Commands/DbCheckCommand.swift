import ArgumentParser
import MatrixStore

/// `infermatrix db check`: exits 1, listing the differences, when the shipped database is not
/// what its sources give.
struct DbCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare the shipped data/matrix.sqlite with a fresh build from data/sources and data/runs; exit 1 on any difference.")

    @OptionGroup var inputs: BundleSourceOptions

    @Option(name: .long, help: ArgumentHelp("The shipped database; default: data/matrix.sqlite beside the sources.", valueName: "file"))
    var shipped: String?

    func run() throws {
        try Console.run {
            let (sources, shipped) = try inputs.resolve(database: shipped)
            let runs = inputs.runs
            let differences = try MatrixDatabase.checkBundled(shipped: shipped, sources: sources, runs: runs)
            if differences.isEmpty {
                Console.out("\(shipped) matches \(sources)" + "\n")
                return
            }
            Console.out("\(shipped) differs from a fresh build of \(sources) and \(runs ?? MatrixDatabase.runsDirectory(besides: sources)) (- fresh, + shipped):" + "\n")
            for line in differences.prefix(200) { Console.out(line + "\n") }
            if differences.count > 200 { Console.out("… \(differences.count - 200) more" + "\n") }
            Console.error("\(shipped) is out of date; run `infermatrix db rebuild`")
            throw ExitCode(1)
        }
    }
}

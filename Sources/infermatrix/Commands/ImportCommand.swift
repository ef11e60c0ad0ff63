import ArgumentParser
import Foundation
import MatrixStore

/// `infermatrix import FILE…`: all files in one transaction; prints what changed per matrix.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import parameter-matrix Markdown, test_results_<backend>.json, runs files or TensorRT-LLM's supported-models page.",
        discussion: """
            All files are imported in one transaction: on any error nothing is written and the \
            message names the file and line or field. `infermatrix diff` lists the changes afterwards.
            A runs file ({"format": "infermatrix-runs", …}, written by `infermatrix export --runs`) \
            adds its live runs; runs already in the database are skipped, so importing it twice is harmless.
            """)

    @Argument(help: ArgumentHelp("The documents to import.", valueName: "file"))
    var files: [String]

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one file to import") }
    }

    func run() throws {
        try database.run { store in
            for report in try store.importFiles(files) {
                Console.out("\(report.source.path) (\(report.source.format.rawValue))" + "\n")
                for matrix in report.matrices {
                    Console.out("  \(matrix.name): \(matrix.rowCount) rows, \(matrix.columnCount) columns; \(matrix.summary)" + "\n")
                }
                if let runs = report.runs { Console.out("  runs: \(runs)" + "\n") }
            }
        }
    }
}

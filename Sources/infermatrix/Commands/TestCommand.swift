import ArgumentParser
import Dispatch
import Foundation
import LiveTest
import MatrixCore
import MatrixStore

/// `infermatrix test --matrix params ROW --backend pytorch`: tests one cell live on this machine,
/// streaming the harness's events, and records the run in the database.
///
/// ```sh
/// infermatrix test --matrix params 'decoder.beam_search.num_beams=4' --backend pytorch --device cpu
/// infermatrix test --matrix params fp_precision=float8 --backend pytorch --format json --no-record
/// ```
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Test one cell live with the Python harness and record the verdict.",
        discussion: """
            Runs `python -m harness run …` (docs/PROTOCOL.md) in its own process group. The harness's \
            Python is INFERMATRIX_PYTHON, or the virtual environment scripts/setup-harness.sh prepares \
            (created on first use, with its progress shown). Ctrl-C cancels the run. Exit status 0 when \
            a verdict was produced (passed, failed, uncertain or skipped), 1 on error. See docs/live-tests.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "The matrix the row belongs to.")
    var matrix: String = "params"

    @Argument(help: "The row to test: a parameter (decoder.beam_search.num_beams=4) or an architecture.")
    var row: String

    @Option(name: .long, help: "The backend that runs the test (pytorch, vllm, tensorrt).")
    var backend: String

    @Option(name: .long, help: "The feature column (feature matrices); the params matrix uses the backend.")
    var column: String?

    @Option(name: .long, help: "A local checkpoint or hub id (default: a tiny offline model).")
    var model: String?

    @Option(name: .long, help: "auto, cpu or cuda.")
    var device: String = "auto"

    @Option(name: .long, help: "Seconds before the run is killed and reported as an error.")
    var timeout: Double = TestRunRequest.defaultTimeout

    @Option(name: .long, help: "text: stream as it runs; json: print the recorded run as JSON at the end.")
    var format: Format = .text

    @Flag(name: .long, help: "Do not record the run in the database.")
    var noRecord = false

    @Flag(name: .long, help: "Also show the backend's log and the harness's stderr.")
    var verbose = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard ["auto", "cpu", "cuda"].contains(device) else { throw ValidationError("--device must be auto, cpu or cuda") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    func run() async throws {
        let request = TestRunRequest(matrix: matrix, row: row, column: column, backend: backend,
                                     model: model, device: device, timeout: timeout)
        let store = noRecord ? nil : try openStore()
        let run = TestRunner().start(request)
        let interrupts = Self.cancelOnInterrupt(run)
        defer { interrupts.forEach { $0.cancel() } }

        var printer = LiveRunPrinter(verbose: verbose)
        for await update in run.updates {
            switch format {
            case .text: printer.show(update)
            case .json: if case .setup(let line) = update { Console.note("setup: \(line)") }
            }
        }
        var verdict = await run.result
        if let store {
            do { verdict.id = try store.recordRun(verdict) } catch {
                Console.error(error.description)
            }
            if format == .text, let id = verdict.id { Console.note("recorded as run \(id) in \(store.path)") }
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            FileHandle.standardOutput.write(try encoder.encode(verdict) + Data("\n".utf8))
        }
        if verdict.status == .error { throw ExitCode(1) }
    }

    private func openStore() throws -> MatrixDatabase {
        do { return try database.open() } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
    }

    /// Ctrl-C (and SIGTERM) cancel the run, so the harness's process group never outlives us.
    private static func cancelOnInterrupt(_ run: LiveTestRun) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { run.cancel() }
            source.resume()
            return source
        }
    }
}

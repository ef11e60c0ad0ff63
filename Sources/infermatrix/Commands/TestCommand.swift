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
            Python is INFERMATRIX_PYTHON; for --backend vllm then INFERMATRIX_VLLM_PYTHON or the venv \
            scripts/setup-vllm-cpu.sh prepares, where one exists; else the virtual environment \
            scripts/setup-harness.sh prepares (created on first use, with its progress shown). Ctrl-C cancels the run. Exit status 0 when \
            a verdict was produced (passed, failed, uncertain or skipped), 1 on error. See docs/live-tests.md.

            With --all, the argument is a query (as for `list`) and every selected cell of the \
            backend's column (feature matrices: every selected row × feature column) is tested on warm \
            workers (`python -m harness serve`), each run recorded; the summary compares the results \
            with the imported matrix, and test_results_<backend>.json plus a JUnit XML file are \
            written to --results-dir. Exit status 1 when a test errored or the batch was cancelled.
              infermatrix test --all --matrix params --backend pytorch --device cpu
              infermatrix test --all 'section:Decoder' --backend pytorch --results-dir out/

            --ray runs the batch on a Ray cluster instead (docs/ray.md): one actor per backend, \
            model and device key and per GPU (CUDA cells) or CPU slot, as many tests at once as fit; \
            ADDRESS is HOST:PORT or ray://HOST:PORT, `local` starts a cluster for this run and stops \
            it afterwards, and a bare --ray uses RAY_ADDRESS. Needs ray in the harness's Python \
            (scripts/setup-harness.sh --with-ray).
              infermatrix test --all --backend pytorch --device cpu --ray 10.0.0.5:6379
              infermatrix test --all --backend pytorch --device cuda --ray local
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: "The matrix the row belongs to (default: params; with --all, the query's matrix: term, else params).")
    var matrix: String?

    @Argument(help: ArgumentHelp("The row to test: a parameter (decoder.beam_search.num_beams=4) or an architecture; with --all, a query selecting the rows (default: all).",
                                 valueName: "row-or-query"))
    var row: String?

    @Flag(name: .long, help: "Test every cell the query selects, on warm workers (a batch).")
    var all = false

    @Option(name: .long, help: "Batch: tests at once, each on its own warm worker.")
    var jobs: Int = 1

    @Option(name: .long, help: ArgumentHelp("Batch: run on a Ray cluster (HOST:PORT, ray://…, local; bare: RAY_ADDRESS).",
                                            valueName: "address"))
    var ray: String?

    @Option(name: .long, help: ArgumentHelp("Batch: where test_results_<backend>.json and the JUnit XML go.", valueName: "dir"))
    var resultsDir: String = "."

    @Option(name: .long, help: ArgumentHelp("Batch: seconds an idle warm worker stays alive (default: INFERMATRIX_WORKER_IDLE, else 300).",
                                            valueName: "seconds"))
    var workerIdle: Double?

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
        if let problem = TestRunRequest.problem(withSeconds: timeout) { throw ValidationError("--timeout \(problem)") }
        if all {
            guard format == .text else { throw ValidationError("--all writes text; its results go to --results-dir as JSON and JUnit XML") }
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
            if let problem = workerIdle.flatMap(TestRunRequest.problem(withSeconds:)) { throw ValidationError("--worker-idle \(problem)") }
        } else if ray != nil {
            throw ValidationError("--ray runs a batch: add --all")
        } else {
            guard row != nil else { throw ValidationError("missing the row to test (or --all to test every cell a query selects)") }
        }
    }

    func run() async throws {
        if all {
            let batch = TestBatch(query: row, matrix: matrix, backend: backend, model: model, device: device,
                                  timeout: timeout, jobs: jobs, ray: ray, resultsDir: resultsDir, workerIdle: workerIdle,
                                  record: !noRecord, verbose: verbose, database: database)
            return try await batch.run()
        }
        guard let row else { throw ExitCode(2) }
        // One test: a one-shot harness process (a warm worker would not be reused in this process).
        let opened = try openStore()
        let request = TestRunRequest(matrix: matrix ?? "params", row: row, column: try columnKey(in: opened),
                                     backend: backend, model: model, device: device, timeout: timeout)
        let store = noRecord ? nil : opened
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
            Console.out(RunsFile.encodeRecorded(verdict).prettyText(), raw: true)
        }
        if verdict.status == .error { throw ExitCode(1) }
    }

    /// `--column` as the grid's column key (a title is accepted too); a name the matrix lacks is
    /// a usage error listing the columns it has.
    private func columnKey(in store: MatrixDatabase) throws -> String? {
        guard let column else { return nil }
        let grid: MatrixGrid
        do { grid = try store.loadGrid(matrix ?? "params") } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
        guard let key = grid.columnKey(named: column) else {
            Console.error("matrix \(grid.name) has no column \"\(column)\" (known: "
                          + grid.columns.map(\.key).joined(separator: ", ") + ")")
            throw ExitCode(2)
        }
        return key
    }

    private func openStore() throws -> MatrixDatabase {
        do { return try database.open() } catch {
            Console.error("\(error)")
            throw ExitCode(1)
        }
    }

    /// `--ray` may stand without its address (then RAY_ADDRESS): before parsing, a `--ray` that ends
    /// the line or is followed by another option becomes `--ray=auto`.
    ///
    /// ```swift
    /// TestCommand.bareRay(["test", "--all", "--ray", "--jobs", "2"])   // […, "--ray=auto", "--jobs", "2"]
    /// ```
    static func bareRay(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for (index, argument) in arguments.enumerated() {
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            result.append(argument == "--ray" && (next == nil || next!.hasPrefix("-")) ? "--ray=auto" : argument)
        }
        return result
    }

    /// Ctrl-C, SIGTERM and SIGHUP (the terminal closed) cancel the run, so the harness's process
    /// group never outlives us and the run is recorded as cancelled.
    private static func cancelOnInterrupt(_ run: LiveTestRun) -> [any DispatchSourceSignal] {
        onInterrupt { run.cancel() }
    }

    /// Calls `handler` on SIGINT, SIGTERM and SIGHUP (instead of dying); cancel the sources to stop.
    static func onInterrupt(_ handler: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }
}

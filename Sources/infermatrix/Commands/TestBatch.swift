import ArgumentParser
import Foundation
import LiveTest
import MatrixCore
import MatrixStore

/// `infermatrix test --all [QUERY] --backend pytorch`: tests every cell a query selects on warm
/// workers, records each run, prints a line per test and a progress line, compares the results
/// with the imported matrix and writes `test_results_<backend>.json` and a JUnit XML file.
///
/// ```sh
/// infermatrix test --all --matrix params --backend pytorch --device cpu
/// infermatrix test --all 'section:Decoder' --backend pytorch --results-dir out/
/// ```
struct TestBatch {
    var query: String?
    var matrix: String?
    var backend: String
    var model: String?
    var device: String
    var timeout: Double
    var jobs: Int
    /// `--ray ADDRESS`: the batch runs on a Ray cluster (docs/ray.md); nil: the local pool.
    var ray: String?
    var resultsDir: String
    var workerIdle: Double?
    var record: Bool
    var verbose: Bool
    var database: DatabaseOptions

    func run() async throws {
        let store: MatrixDatabase
        let selection: MatrixSelection
        let imported: MatrixGrid
        do {
            store = try database.open()
            selection = try MatrixSelection(store: store, query: query, matrix: matrix)
            // The summary compares with the imported statuses, not with earlier live runs (the
            // selection's grid may carry those); same rows and columns, same order.
            imported = try store.loadGrid(selection.grid.name)
        } catch {
            try Console.run { throw error }
            return
        }
        let cells = BatchCell.cells(grid: imported, selection: selection.selection, backend: backend,
                                    model: model, device: device, timeout: timeout)
        guard !cells.isEmpty else {
            Console.error("the query selects no cell to test (\(selection.countLine))")
            throw ExitCode(1)
        }
        let runner = TestRunner()
        let executor = try await makeExecutor(runner: runner)
        let jobs = executor.jobs(device: device, default: self.jobs)
        Console.note("testing \(cells.count) cells of \(selection.grid.name) on \(backend) (\(device)), "
                     + "\(jobs) at a time, on warm workers (\(executor.label))")
        let recordRun: @Sendable (LiveRun) -> LiveRun = { run in
            guard record else { return run }
            var recorded = run
            do { recorded.id = try store.recordRun(run) } catch { Console.error("\(error)") }
            return recorded
        }
        let batch = BatchRun.start(cells: cells, runner: runner, executor: executor, jobs: jobs,
                                   forwardRunUpdates: verbose && jobs == 1, record: recordRun)
        let interrupts = TestCommand.onInterrupt {
            Console.note("cancelling the batch (recorded runs stay)")
            batch.cancel()
        }
        defer { interrupts.forEach { $0.cancel() } }

        let started = Date()
        var printer = BatchPrinter(glyphs: selection.grid.kind == .parameters)
        var live = LiveRunPrinter(verbose: true)
        for await update in batch.updates {
            switch update {
            case .testStarted(_, let cell):
                printer.started(cell)
            case .run(_, let runUpdate):
                if case .finished = runUpdate { break }
                live.show(runUpdate)
            case .testFinished(_, let outcome, let progress):
                printer.finished(outcome, progress: progress)
            case .finished:
                break
            }
        }
        let report = await batch.result
        await executor.shutdown()
        printer.endProgress()

        let files = try writeResults(report, matrix: selection.grid.name, started: started)
        printer.summary(report, files: files, recordedIn: record ? store.path : nil)
        if report.cancelled || report.summary.count(BatchComparison.error) > 0 { throw ExitCode(1) }
    }

    /// The local pool, or the Ray driver once it reached its cluster; an unreachable cluster is an
    /// error naming the address, before any test starts.
    private func makeExecutor(runner: TestRunner) async throws -> BatchExecutor {
        guard let ray else {
            return .pool(WorkerPool(runner: runner, idleTimeout: workerIdle.map { .milliseconds(Int64($0 * 1000)) }))
        }
        Console.note("connecting to the Ray cluster at \(ray == "auto" ? "RAY_ADDRESS" : ray)")
        do {
            return .ray(try await RayDriver.connect(address: ray, runner: runner) { Console.note("setup: \($0)") })
        } catch {
            Console.error("\((error as? LiveTestError)?.description ?? "\(error)")")
            throw ExitCode(1)
        }
    }

    // MARK: - Result files

    /// Writes `test_results_<backend>.json` (params only) and the JUnit XML; returns their paths.
    private func writeResults(_ report: BatchReport, matrix matrixName: String, started: Date) throws -> [String] {
        let formatter = ISO8601DateFormatter()
        let timestamp = formatter.string(from: started)
        let directory = URL(fileURLWithPath: resultsDir)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            Console.error("\(resultsDir): cannot create the results directory: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let outcomes = report.summary.outcomes
        var written: [String] = []
        if matrixName == "params" {
            let stamp = timestamp.replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "-", with: "")
            let document = TestResultsDocument(backend: backend, runID: "infermatrix-\(backend)-\(stamp)",
                                               timestamp: timestamp, runs: outcomes.map(\.run))
            let path = directory.appendingPathComponent("test_results_\(backend).json").path
            try Console.run { try Console.emit(document.text, to: path) }
            written.append(path)
        }
        let junit = JUnitReport(backend: backend, timestamp: timestamp, outcomes: outcomes)
        let name = matrixName == "params" ? "junit_\(backend).xml" : "junit_\(matrixName)_\(backend).xml"
        let path = directory.appendingPathComponent(name).path
        try Console.run { try Console.emit(junit.xml, to: path) }
        written.append(path)
        return written
    }
}

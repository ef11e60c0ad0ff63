import MatrixCore
import Synchronization

/// The live runs an ``InMemoryDataSource`` records: ids in recording order, shared by copies of
/// the source (it is a reference), so tests and benchmarks see what the app loop recorded.
///
/// ```swift
/// let log = InMemoryRunLog()
/// let recorded = log.record(run)          // recorded.id == 1
/// log.runs(matrix: "params", row: "streaming=True", column: "pytorch")
/// ```
public final class InMemoryRunLog: Sendable {
    private let stored = Mutex<[LiveRun]>([])

    public init(_ runs: [LiveRun] = []) {
        for run in runs { _ = record(run) }
    }

    /// Stores a run under the next id and returns it with that id.
    public func record(_ run: LiveRun) -> LiveRun {
        stored.withLock { runs in
            var run = run
            run.id = Int64(runs.count + 1)
            runs.append(run)
            return run
        }
    }

    /// A cell's runs (every column when `column` is nil), newest first, as the store orders them.
    public func runs(matrix: String, row: String, column: String?) -> [LiveRun] {
        stored.withLock { $0 }
            .filter { $0.request.matrix == matrix && $0.request.row == row && (column == nil || $0.request.columnKey == column) }
            .sorted { ($0.startedAt, $0.id ?? 0) > ($1.startedAt, $1.id ?? 0) }
    }

    /// Every run of a matrix (``applyLiveResults(to:runs:)`` picks the latest per cell).
    public func runs(matrix: String) -> [LiveRun] {
        stored.withLock { $0 }.filter { $0.request.matrix == matrix }
    }
}

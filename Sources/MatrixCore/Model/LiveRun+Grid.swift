/// Shows live results in a grid: each cell the view gives a verdict (``LiveVerdicts`` built with
/// `ownersOnly`, so a PyTorch run never replaces TensorRT-LLM's claim) takes that
/// verdict's status, marked ``CellFlags/live``; ``CellFlags/differs`` when it differs from the
/// document, ``CellFlags/regression`` or ``CellFlags/fix`` by the honest rule (``VerdictComparison``).
///
/// ```swift
/// var grid = MatrixGrid(importedMatrix)
/// applyLiveResults(to: &grid, verdicts: try store.liveVerdicts("params"))
/// ```
public func applyLiveResults(to grid: inout MatrixGrid, verdicts: LiveVerdicts) {
    let rows = Dictionary(grid.rowKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let columns = Dictionary(grid.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    for (rowKey, cells) in verdicts.cells {
        guard let row = rows[rowKey] else { continue }
        for (columnKey, verdict) in cells {
            guard let column = columns[columnKey] else { continue }
            var flags = grid.flags(row: row, column: column)
            flags.remove([.differs, .regression, .fix])
            flags.insert(.live)
            if verdict.againstDocument != nil { flags.insert(.differs) }
            switch verdict.history?.change {
            case .regression?: flags.insert(.regression)
            case .fix?: flags.insert(.fix)
            default: break
            }
            grid.setStatus(verdict.status, row: row, column: column, flags: flags)
        }
    }
}

/// ``applyLiveResults(to:verdicts:)`` from runs in any order (``VerdictRule`` picks), the grid's
/// statuses standing for the document.
///
/// ```swift
/// applyLiveResults(to: &grid, runs: runLog.runs(matrix: "params"))
/// ```
public func applyLiveResults(to grid: inout MatrixGrid, runs: [LiveRun], environment: Environment? = nil) {
    let table = CellVerdicts(runs: runs.filter { $0.request.matrix == grid.name })
    guard !table.isEmpty else { return }
    let rows = Dictionary(grid.rowKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let columns = Dictionary(grid.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    let snapshot = grid
    let verdicts = LiveVerdicts(table: table, kind: grid.kind, document: .document(kind: grid.kind, preamble: nil),
                                environment: environment, names: EnvironmentIndex(table.environments),
                                ownersOnly: true) { row, column in
        guard let row = rows[row], let column = columns[column] else { return nil }
        return snapshot.status(row: row, column: column)
    }
    applyLiveResults(to: &grid, verdicts: verdicts)
}

/// Whether a live status contradicts an imported one: one says it works (supported or
/// uncertain), the other that it does not (unsupported). Untested and N/A contradict nothing.
///
/// ```swift
/// liveResult(.unsupported, contradicts: .supported)   // true
/// liveResult(.supported, contradicts: .untested)      // false: news, not a contradiction
/// ```
public func liveResult(_ live: CellStatus, contradicts imported: CellStatus) -> Bool {
    let works: Set<CellStatus> = [.supported, .uncertain]
    return (works.contains(live) && imported == .unsupported) || (live == .unsupported && works.contains(imported))
}

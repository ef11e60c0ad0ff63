/// Shows live results in a grid: each cell with a verdict takes the latest run's status, marked
/// ``CellFlags/live``, and ``CellFlags/contradicts`` when it disagrees with the imported status
/// (supported or uncertain against unsupported: a regression or a fix).
///
/// ```swift
/// var grid = MatrixGrid(importedMatrix)
/// applyLiveResults(to: &grid, runs: try store.latestRuns(matrix: "params"))
/// ```
///
/// - Parameters:
///   - grid: a grid holding the imported statuses; runs of other matrices, unknown rows or columns
///     and `error` runs are ignored.
///   - runs: in any order; per cell the latest by start time decides.
public func applyLiveResults(to grid: inout MatrixGrid, runs: [LiveRun]) {
    let rows = Dictionary(grid.rowKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    let columns = Dictionary(grid.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    var latest: [Int: LiveRun] = [:]
    for run in runs where run.request.matrix == grid.name && run.status.cellStatus != nil {
        guard let row = rows[run.request.row], let column = columns[run.request.columnKey] else { continue }
        let index = row * grid.columnCount + column
        if let seen = latest[index], seen.startedAt >= run.startedAt { continue }
        latest[index] = run
    }
    for (index, run) in latest {
        guard let status = run.status.cellStatus else { continue }
        let row = index / grid.columnCount, column = index % grid.columnCount
        let imported = grid.status(row: row, column: column)
        var flags = grid.flags(row: row, column: column)
        flags.insert(.live)
        if liveResult(status, contradicts: imported) { flags.insert(.contradicts) } else { flags.remove(.contradicts) }
        grid.setStatus(status, row: row, column: column, flags: flags)
    }
}

/// Whether a live status contradicts an imported one: one says it works (supported or
/// uncertain), the other that it does not (unsupported). Untested and N/A contradict nothing.
///
/// ```swift
/// liveResult(.unsupported, contradicts: .supported)   // true: a regression
/// liveResult(.supported, contradicts: .untested)      // false: news, not a contradiction
/// ```
public func liveResult(_ live: CellStatus, contradicts imported: CellStatus) -> Bool {
    let works: Set<CellStatus> = [.supported, .uncertain]
    return (works.contains(live) && imported == .unsupported) || (live == .unsupported && works.contains(imported))
}

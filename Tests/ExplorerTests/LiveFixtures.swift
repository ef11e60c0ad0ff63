import Foundation
import MatrixCore
import Screen
@testable import Explorer

/// States and runs for the live-pane tests: the cursor on a cell, a scripted run's events, and
/// finished runs with fixed dates (so frames never depend on the clock).
enum LiveFixtures {
    static let beamRow = "decoder.beam_search.num_beams=4"
    static let start = Date(timeIntervalSince1970: 1_763_880_000)

    /// A state with the engine plugged in and the cursor on `row` × `column` of the active tab.
    static func state(width: Int = 120, height: Int = 40, row: String = beamRow, column: String = "pytorch",
                      source: InMemoryDataSource = ExplorerFixtures.source) -> ExplorerState {
        let grids = (try? source.grids()) ?? []
        var state = ExplorerState(grids: grids, width: width, height: height, theme: .dark, glyphs: .emoji)
        state.liveTestAvailable = true
        state.place(row: row, column: column)
        return state
    }

    /// What the harness reports for a passing beam-search run, up to (not including) the verdict.
    static let events: [RunUpdate] = [
        .started(pid: 4242),
        .telemetryUnavailable(.noGPU(detail: "no libnvidia-ml.so.1")),
        .event(.hello(HarnessHello(harness: "0.1.0", backend: "pytorch",
                                   versions: ["python": "3.11.7", "torch": "2.13.0+cpu", "transformers": "5.23.0"], device: "cpu"))),
        .event(.phase("resolve")), .event(.phase("load")),
        .event(.log(stream: "backend", text: "loading tiny random model")),
        .event(.phase("warmup")), .event(.phase("generate")),
        .event(.token(seq: 0, text: "The quick\u{10} brown")), .event(.token(seq: 1, text: "A lazy dog")), .event(.token(seq: 0, text: " fox")),
        .event(.metric(LiveRunMetric(name: "tokens_per_s", value: 41.5, unit: "tok/s"))),
        .event(.phase("validate")),
        .event(.check(LiveRunCheck(name: "num_beams=4 score >= greedy score", passed: true, evidence: "(-6.08, -6.08); (-6.71, -6.37)"))),
    ]

    static func run(_ status: LiveRunStatus, row: String = beamRow, column: String = "pytorch", minutes: Double = 0,
                    reason: String = "1 checks passed") -> LiveRun {
        let began = start.addingTimeInterval(minutes * 60)
        return LiveRun(request: TestRunRequest(matrix: "params", row: row, backend: column, device: "cpu"),
                       environment: LiveRunEnvironment(host: "lab-1", device: "cpu", cpuName: "Test CPU"),
                       startedAt: began, endedAt: began.addingTimeInterval(6.2), status: status, reason: reason,
                       checks: [LiveRunCheck(name: "num_beams=4 score >= greedy score", passed: status == .passed, evidence: "scores")])
    }

    /// Applies actions, performing the effects the way the app loop does against `source`
    /// (detail loads, recording and reloading); returns the effects asked for.
    @discardableResult
    static func perform(_ state: inout ExplorerState, _ actions: [Action], source: InMemoryDataSource) -> [Effect] {
        var all: [Effect] = []
        var queue = actions
        while !queue.isEmpty {
            let effects = state.apply(queue.removeFirst())
            all += effects
            for effect in effects {
                switch effect {
                case .loadCellDetail(let matrix, let row, let column):
                    queue.append(.cellDetailLoaded(try? source.cellDetail(matrix: matrix, row: row, column: column)))
                case .searchNotes(let matrix, let words):
                    queue.append(ExplorerFixtures.notesFound(matrix: matrix, words: words))
                case .recordLiveRun(let run):
                    if let recorded = try? source.recordRun(run) { queue.append(.liveRecorded(recorded)) }
                    if let grid = try? source.grid(matrix: run.request.matrix) { queue.append(.gridReloaded(LoadedGrid(grid))) }
                case .loadEnvironmentView(let matrix, let current, let exactly):
                    // As the app does (ExplorerApp.perform): the next view in the cycle, or exactly the one asked.
                    let next = exactly ?? EnvironmentViews.next(after: current, in: (try? source.environmentNames(matrix: matrix)) ?? [])
                    if let grid = try? source.grid(matrix: matrix, environments: next) {
                        queue.append(.environmentViewLoaded(LoadedGrid(grid), environments: next))
                    }
                default: break
                }
            }
        }
        return all
    }
}

extension ExplorerState {
    /// Puts the cursor on a row (by key) and a status column (by key) of the active tab.
    mutating func place(row: String, column: String) {
        guard let gridRow = tab.grid.rowKeys.firstIndex(of: row), let position = tab.selection.rows.firstIndex(of: gridRow),
              let gridColumn = tab.grid.columns.firstIndex(where: { $0.key == column }),
              let display = tab.displayColumns.firstIndex(of: .status(gridColumn)) else { return }
        tab.cursorRow = position
        tab.cursorColumn = display
        scrollToCursor()
    }

    /// The grid cell under the cursor: status and flags.
    var cursorCell: (status: CellStatus, flags: CellFlags)? {
        guard let row = tab.currentRow, let column = tab.currentStatusColumn else { return nil }
        return (tab.grid.status(row: row, column: column), tab.grid.flags(row: row, column: column))
    }
}

import Dispatch
import Explorer
import MatrixCore
import Screen

/// The explorer's speed on the one-million-cell synthetic matrix (20,000 rows × 50 columns):
/// first frame (state + render, no database) and keystroke → finished frame for a cursor move,
/// a filter keystroke (parse + select + counts + render) and a tab switch. Prints figures;
/// targets: first frame ≤ 100 ms, keystrokes ≤ 16 ms at the 99th percentile.
///
/// ```swift
/// ExplorerBenchmark.run()   // from matrix-bench's main
/// ```
enum ExplorerBenchmark {
    static func run(rows: Int = 20_000, columns: Int = 50, width: Int = 160, height: Int = 48) {
        let grid = syntheticGrid(rows: rows, columns: columns)
        let second = syntheticGrid(rows: 2_000, columns: 10, name: "features")
        print("explorer: synthetic grid \(rows) × \(columns) (\(rows * columns) cells), frame \(width)×\(height)")

        var state = ExplorerState(grids: [grid], width: 1, height: 1)
        let firstFrame = milliseconds {
            state = ExplorerState(grids: [grid, second], width: width, height: height)
            _ = render(state)
        }
        print(String(format: "  first frame (state + render):       %7.2f ms   (target ≤ 100 ms)", firstFrame))

        keystrokes(&state, view: "")
        report("tab switch", measure(&state, count: 200) { _ in .nextTab })

        // The same keys on a view sorted by failures (descending, within sections) with two
        // columns hidden: the arrangement is applied on every filter keystroke.
        for action: Action in [.cycleSortKey, .cycleSortKey, .sortRows(descending: true), .home, .hideColumn, .hideColumn] {
            _ = state.apply(action)
        }
        print("  with \(state.tab.arrangement.sort?.label ?? "no sort") and \(state.tab.arrangement.hiddenColumns.count) hidden columns:")
        keystrokes(&state, view: ", sorted+hidden")
        sortFigures(grid)
    }

    /// Cursor moves, pages and filter keystrokes (typed, then erased), each rendered.
    static func keystrokes(_ state: inout ExplorerState, view: String) {
        report("cursor move (j/k)" + view, measure(&state, count: 400) { $0 % 40 < 20 ? .moveCursor(dx: 0, dy: 1) : .moveCursor(dx: 0, dy: -1) })
        report("page down/up" + view, measure(&state, count: 200) { $0 % 2 == 0 ? .page(1) : .page(-1) })
        let typed = Array("param.17 status:failed -section:s3 col-4")
        _ = state.apply(.openQuery)
        report("filter keystroke (parse+select+render)" + view, measure(&state, count: typed.count * 4) { i in
            let position = i % (typed.count * 2)
            return position < typed.count ? .typeQuery(typed[position]) : .backspace
        })
        _ = state.apply(.clearFilter)
    }

    /// One sort of every row of the grid by each key, over all its columns (target ≤ 50 ms for 20,000 rows).
    static func sortFigures(_ grid: MatrixGrid) {
        let rows = Array(0..<grid.rowCount), columns = Array(0..<grid.columnCount)
        let lastRun = Dictionary(uniqueKeysWithValues: grid.rowKeys.enumerated().map { ($1, Double($0 * 7919 % 10_007)) })
        for key in RowSort.Key.allCases {
            let times = (0..<11).map { run in
                milliseconds { _ = RowSort(key, descending: run % 2 == 1).sorted(rows, in: grid, columns: columns, lastRun: lastRun) }
            }.sorted()
            let label = "sort \(grid.rowCount) rows by \(key.label):".padding(toLength: 40, withPad: " ", startingAt: 0)
            print(String(format: "  %@ p50 %6.2f ms  max %6.2f ms  (target ≤ 50 ms)", label, times[times.count / 2], times.last ?? 0))
        }
    }

    // MARK: - Measuring

    /// Applies `count` actions, rendering after each, and returns the per-keystroke times.
    static func measure(_ state: inout ExplorerState, count: Int, _ action: (Int) -> Action) -> [Double] {
        var times: [Double] = []
        times.reserveCapacity(count)
        for index in 0..<count {
            let next = action(index)
            var frame: ScreenBuffer?
            times.append(milliseconds {
                _ = state.apply(next)
                frame = render(state)
            })
            precondition(frame?.width == state.width)
        }
        return times
    }

    static func report(_ name: String, _ times: [Double]) {
        let sorted = times.sorted()
        let p50 = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        let label = (name + ":").padding(toLength: 56, withPad: " ", startingAt: 0)
        print(String(format: "  %@ p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (target p99 ≤ 16 ms)", label, p50, p99, sorted.last ?? 0))
    }

    static func milliseconds(_ work: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

    // MARK: - The synthetic grid

    /// Deterministic statuses (mostly passed, some failed/uncertain/untested), a fifth of the cells
    /// with a note flag, 20 sections, row names like `param.123=value7`.
    static func syntheticGrid(rows: Int, columns: Int, name: String = "synthetic") -> MatrixGrid {
        var statuses = [UInt8](repeating: 0, count: rows * columns)
        var flags = [UInt8](repeating: 0, count: rows * columns)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in statuses.indices {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let r = Int(seed >> 33) % 100
            statuses[index] = r < 70 ? 0 : r < 80 ? 1 : r < 85 ? 2 : 3
            if r % 5 == 0 { flags[index] = CellFlags.note.rawValue }
        }
        return MatrixGrid(
            name: name, title: "Synthetic", kind: .parameters, rowHeader: "Parameter",
            columns: (0..<columns).map { Column(key: "col-\($0)", title: "Backend \($0)") },
            attributeNames: [], rowKeys: (0..<rows).map { "param.\($0)=value\($0 % 10)" },
            sectionIndex: (0..<rows).map { Int32($0 * 20 / rows) }, sectionNames: (0..<20).map { "s\($0)" },
            attributes: Array(repeating: [], count: rows), statuses: statuses, cellFlags: flags)
    }
}

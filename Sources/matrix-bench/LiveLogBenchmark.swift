import Dispatch
import Explorer
import Foundation
import MatrixCore
import Screen

/// The live pane's log and the `/` line under load, in the reducer and renderer (no terminal):
/// a 100,000-line log folded line by line, frames following it, searching it and scrolled to its
/// middle; and a paste into `/` on a 20,000-row grid as one burst (issue 14 D10) against
/// character by character.
///
/// ```sh
/// .build/release/matrix-bench pane
/// ```
enum LiveLogBenchmark {
    static func run(lines: Int = 100_000) {
        var grid = ExplorerBenchmark.syntheticGrid(rows: 1, columns: 1, name: "params")
        grid.rowKeys = ["decoder.beam_search.num_beams=4"]
        grid.columns = [Column(key: "pytorch", title: "PyTorch")]
        var state = ExplorerState(grids: [grid], width: 160, height: 48)
        state.liveTestAvailable = true
        _ = state.apply(.liveTest)
        print("live pane log: \(lines) lines, frame 160×48")
        var fold: [Double] = []
        for index in 0..<lines {
            let text = index % 97 == 0 ? "step \(index): CUDA error: out of memory, retrying" : "step \(index): forward pass 12.3 ms"
            let start = DispatchTime.now().uptimeNanoseconds
            _ = state.apply(.liveEvent(.event(.log(stream: "backend", text: text))))
            fold.append(since(start))
        }
        report("fold one line (reduce)", fold)
        report("frame, following", frames(state))
        var searching = state
        var typing: [Double] = []
        for action in [Action.searchLiveLog] + "cuda error".map(Action.typeLogSearch) {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = searching.apply(action)
            typing.append(since(start))
        }
        report("search: a typed character (the first scans the log)", typing)
        _ = searching.apply(.acceptLogSearch)
        for _ in 0..<500 { _ = searching.apply(.nextLogMatch(1)) }
        print("  search: \(searching.livePane?.logMatches.count ?? 0) matches; view on line \(searching.livePane?.search?.current ?? -1)")
        report("frame, searching, view mid-log", frames(searching))
        var appending: [Double] = []
        for index in 0..<1_000 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = searching.apply(.liveEvent(.event(.log(stream: "backend", text: "late \(index): CUDA error"))))
            _ = render(searching)
            appending.append(since(start))
        }
        report("line arriving during a search (reduce + render)", appending)
        paste()
    }

    /// A paste into `/` on a 20,000 × 50 grid: 10,000 characters one by one (as before D10) and
    /// as one burst, and a 1 MB burst (cut to the query line's 2,000 characters).
    static func paste() {
        let grid = ExplorerBenchmark.syntheticGrid(rows: 20_000, columns: 50, name: "features")
        let base = ExplorerState(grids: [grid], width: 160, height: 48)
        let text = String(repeating: "zqxjv ", count: 1_666) + "zzend"
        print("paste into / on a 20,000 × 50 grid (reduce + one frame; the terminal's reading not included)")
        for (label, keys) in [("10,000 characters, one burst", text), ("1 MB, one burst", String(repeating: "abcdefg ", count: 131_072))] {
            var state = base
            _ = state.apply(.openQuery)
            let burst = keys.map(Key.char)
            let start = DispatchTime.now().uptimeNanoseconds
            var index = burst.startIndex
            while index < burst.endIndex {
                let (action, consumed) = state.nextAction(in: burst[index...])
                if let action { _ = state.apply(action) }
                index += max(1, consumed)
            }
            _ = render(state)
            print(String(format: "  %@ %10.1f ms", (label + ":").padding(toLength: 52, withPad: " ", startingAt: 0), since(start)))
        }
        var state = base
        _ = state.apply(.openQuery)
        let characters = Array(text.prefix(1_000))
        let start = DispatchTime.now().uptimeNanoseconds
        for character in characters { _ = state.apply(.typeQuery(character)); _ = render(state) }
        let perCharacter = since(start) / Double(characters.count)
        print(String(format: "  %@ %10.1f ms (%.2f ms a character × 10,000)",
                     "10,000 characters one by one (estimated from 1,000):".padding(toLength: 52, withPad: " ", startingAt: 0),
                     perCharacter * 10_000, perCharacter))
    }

    static func frames(_ state: ExplorerState, count: Int = 200) -> [Double] {
        (0..<count).map { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            _ = render(state)
            return since(start)
        }
    }

    static func report(_ label: String, _ values: [Double]) {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return }
        let p50 = sorted[sorted.count / 2]
        let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        print(String(format: "  %@ p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms", (label + ":").padding(toLength: 52, withPad: " ", startingAt: 0),
                     p50, p99, sorted.last ?? 0))
    }

    static func since(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000 }
}

import Dispatch
import Explorer
import ExplorerLive
import Foundation
import LiveTest
import MatrixCore
import Screen

/// The live pane's latency: `t` on a cell → the first engine update, the harness's `hello` and
/// its first `phase` reaching the reducer (target: first event shown ≤ 200 ms), and the cost of
/// reduce + render per event at p50/p99. Starts a real harness run exactly as the explorer does
/// (``LiveTestSession`` on the reducer's ``LiveTarget``) and drains it like the app loop.
///
/// ```sh
/// .build/release/matrix-bench live          # only this benchmark
/// ```
enum LivePaneBenchmark {
    /// The app loop waits for keys in 50 ms slices; an update waits at most this long to be seen.
    static let appLoopPollMilliseconds = 50.0

    static func run(row: String = "decoder.beam_search.num_beams=4", timeout: Double = 300) {
        let params = ExplorerBenchmark.syntheticGrid(rows: 1, columns: 1, name: "params")
        var grid = params
        grid.rowKeys = [row]
        grid.columns = [Column(key: "pytorch", title: "PyTorch")]
        var state = ExplorerState(grids: [grid], width: 160, height: 48)
        state.liveTestAvailable = true
        print("live pane: t on \(row) × PyTorch, real harness run (device auto), frame 160×48")

        let pressed = DispatchTime.now().uptimeNanoseconds
        let effects = state.apply(.liveTest)
        guard case .startLiveTest(let target)? = effects.first else {
            print("  t did not start a run: \(state.statusMessage?.text ?? "no message")")
            return
        }
        let session = LiveTestSession(target: target, request: TestRunRequest(
            matrix: target.matrix, row: target.row, backend: target.backend, timeout: timeout))

        var firstUpdate: Double?, firstHello: Double?, firstPhase: Double?
        var firstKind = "" 
        var perEvent: [Double] = []
        var verdict: LiveRun?
        let deadline = Date().addingTimeInterval(timeout + 10)
        while verdict == nil && Date() < deadline {
            for action in session.drain() {
                let arrived = since(pressed)
                if firstUpdate == nil {
                    firstUpdate = arrived
                    firstKind = "\(action)".prefix(48).split(separator: "(").prefix(2).joined(separator: "(")
                }
                if case .liveEvent(.event(.hello)) = action, firstHello == nil { firstHello = arrived }
                if case .liveEvent(.event(.phase)) = action, firstPhase == nil { firstPhase = arrived }
                if case .liveFinished(let run) = action { verdict = run }
                let start = DispatchTime.now().uptimeNanoseconds
                _ = state.apply(action)
                _ = render(state)
                perEvent.append(since(start))
            }
            usleep(1_000)
        }
        let label = { (name: String, value: Double?) in
            print(String(format: "  %@ %@", (name + ":").padding(toLength: 44, withPad: " ", startingAt: 0),
                         value.map { String(format: "%8.1f ms", $0) } ?? "     (none)"))
        }
        label("t → first update reaches the reducer", firstUpdate)
        print("    (it was \(firstKind)…; the pane shows it at once)")
        label("t → harness hello reaches the reducer", firstHello)
        label("t → first phase reaches the reducer", firstPhase)
        print(String(format: "  (the explorer's loop sees an update within %.0f ms more; target: first event shown ≤ 200 ms)",
                     appLoopPollMilliseconds))
        if !perEvent.isEmpty {
            let sorted = perEvent.sorted()
            let p50 = sorted[sorted.count / 2]
            let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
            print(String(format: "  reduce + render per event (%d events): p50 %6.3f ms  p99 %6.3f ms  max %6.3f ms",
                         perEvent.count, p50, p99, sorted.last ?? 0))
        }
        if let verdict {
            print("  verdict: \(verdict.status.rawValue) in \(String(format: "%.1f", verdict.duration)) s: \(verdict.reason.split(separator: "\n").first ?? "")")
        } else {
            session.cancelAndWait()
            print("  no verdict within \(Int(timeout)) s (cancelled)")
        }
    }

    static func since(_ start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }
}

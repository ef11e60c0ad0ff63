import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

@Suite("Live pane: events in, pane state out")
struct LivePaneReducerTests {
    @Test("t on a params cell asks to run that row on the column's backend and opens the pane")
    func startsOnParams() throws {
        let (state, effects) = reduce(LiveFixtures.state(), .liveTest)
        let target = LiveTarget(matrix: "params", row: LiveFixtures.beamRow, column: "pytorch", columnTitle: "PyTorch",
                                backend: "pytorch", columnIsBackend: true)
        #expect(effects == [.startLiveTest(target)])
        #expect(target.request == TestRunRequest(matrix: "params", row: LiveFixtures.beamRow, backend: "pytorch"))
        let pane = try #require(state.livePane)
        #expect(pane.running && pane.visible && pane.phase == nil)
        #expect(state.keyContext == .live)
    }

    @Test("t on a feature cell runs the architecture × feature on PyTorch")
    func startsOnFeatures() throws {
        var state = LiveFixtures.state()
        _ = state.apply(.nextTab)
        state.place(row: "LlamaForCausalLM", column: "chunked-prefill")
        let (_, effects) = reduce(state, .liveTest)
        guard case .startLiveTest(let target)? = effects.first else { Issue.record("no start effect: \(effects)"); return }
        #expect(target.request == TestRunRequest(matrix: "features", row: "LlamaForCausalLM", column: "chunked-prefill", backend: "pytorch"))
    }

    @Test("a second t while a run goes on starts nothing and says a run is in progress")
    func oneRunAtATime() {
        var state = LiveFixtures.state()
        _ = state.apply(.liveTest)
        _ = state.apply(.toggleLivePane)
        state.place(row: "decoder.beam_search.num_beams=2", column: "vllm")
        let effects = state.apply(.liveTest)
        #expect(effects.isEmpty)
        #expect(state.statusMessage?.text.contains("A live test is in progress") == true)
        #expect(state.livePane?.target.row == LiveFixtures.beamRow)
        #expect(state.livePane?.visible == true, "the pane comes back to show the run in progress")
    }

    @Test("t on a text column or an empty view explains itself")
    func needsAStatusCell() {
        var state = LiveFixtures.state()
        _ = state.apply(.nextTab)
        _ = state.apply(.home)          // the Modality text column
        let effects = state.apply(.liveTest)
        #expect(effects.isEmpty && state.livePane == nil)
        #expect(state.statusMessage?.text == "Move the cursor onto a status cell to live-test it")
    }

    @Test("events fold into phases, text per sequence, log, checks and the CPU telemetry line")
    func foldsEvents() throws {
        var state = LiveFixtures.state()
        _ = state.apply(.liveTest)
        for event in LiveFixtures.events { _ = state.apply(.liveEvent(event)) }
        let pane = try #require(state.livePane)
        #expect(pane.phase == "validate")
        #expect(pane.phasesSeen == ["resolve", "load", "warmup", "generate"])
        #expect(pane.output == [0: "The quick\u{FFFD} brown fox", 1: "A lazy dog"], "control characters are made visible")
        #expect(pane.tokenEvents == 3)
        #expect(pane.checks.map(\.passed) == [true])
        #expect(pane.hello?.device == "cpu")
        #expect(pane.log.contains("loading tiny random model"))
        #expect(pane.telemetryLine == "no NVIDIA GPU (CPU run)")
        #expect(pane.running)
    }

    @Test("GPU samples give memory, utilisation, power, temperature, energy so far and tokens per joule")
    func gpuTelemetry() throws {
        var pane = LivePaneState(target: LiveTarget(grid: MatrixGrid(ExplorerFixtures.params), row: 0, column: 0))
        pane.apply(.telemetry(TelemetrySample(seconds: 0, readings: [
            GPUReading(index: 0, name: "NVIDIA H100", memoryUsedBytes: 12 << 30, memoryTotalBytes: 80 << 30,
                       utilizationPercent: 97, powerWatts: 412.4, temperatureC: 61, energyMillijoules: 1_000_000)])))
        for _ in 0..<40 { pane.apply(.event(.token(seq: 0, text: "x"))) }
        pane.apply(.telemetry(TelemetrySample(seconds: 1, readings: [
            GPUReading(index: 0, name: "NVIDIA H100", memoryUsedBytes: 12 << 30, memoryTotalBytes: 80 << 30,
                       utilizationPercent: 98, powerWatts: 400, temperatureC: 62, energyMillijoules: 1_080_000)])))
        #expect(pane.energyJoules == 80)
        #expect(pane.tokensPerJoule == 0.5)
        #expect(pane.telemetryLine == "NVIDIA H100 · 12.0/80.0 GiB · 98% · 400 W · 62 °C · 80 J · 0.5 tok/J")
    }

    @Test("x cancels once (the effect kills the group); Esc on a finished pane closes it")
    func cancelAndClose() throws {
        var state = LiveFixtures.state()
        _ = state.apply(.liveTest)
        _ = state.apply(.liveEvent(.event(.phase("load"))))
        #expect(state.action(for: .escape) == .cancelLiveTest, "Esc cancels while the pane shows")
        #expect(state.action(for: .char("j")) == .moveCursor(dx: 0, dy: 1), "grid keys still work")
        #expect(state.apply(.cancelLiveTest) == [.cancelLiveTest])
        #expect(state.livePane?.cancelling == true)
        #expect(state.apply(.cancelLiveTest).isEmpty, "a second x does not cancel twice")
        let cancelled = LiveFixtures.run(.error, reason: "cancelled during load")
        #expect(state.apply(.liveFinished(cancelled)) == [.recordLiveRun(cancelled)], "a cancelled run is recorded too")
        let pane = try #require(state.livePane)
        #expect(!pane.running && !pane.cancelling && pane.verdict?.reason == "cancelled during load")
        #expect(state.apply(.cancelLiveTest).isEmpty)
        #expect(state.livePane == nil)
        #expect(state.keyContext == .grid)
    }

    @Test("p hides the pane while the run goes on (events still land) and shows it again")
    func hideAndShow() throws {
        var state = LiveFixtures.state(width: 100, height: 30)
        _ = state.apply(.liveTest)
        let withPane = Layout(state).gridHeight
        _ = state.apply(.toggleLivePane)
        #expect(state.livePane?.visible == false)
        #expect(state.keyContext == .grid)
        #expect(state.action(for: .escape) == .clearFilter, "Esc is the grid's again")
        #expect(Layout(state).gridHeight > withPane)
        _ = state.apply(.liveEvent(.event(.phase("generate"))))
        _ = state.apply(.liveTick(elapsed: 12.3))
        #expect(state.livePane?.phase == "generate")
        let bar = render(state).lineText(state.height - 1)
        #expect(bar.contains("live: generate 12.3 s · \(LiveFixtures.beamRow) · PyTorch"), "status bar: \(bar)")
        #expect(bar.contains("p:show"))
        _ = state.apply(.toggleLivePane)
        #expect(state.livePane?.visible == true)
        #expect(Layout(state).gridHeight == withPane)
    }

    @Test("run reports never clear a message; ticks only move the clock while the run goes on")
    func reportsKeepMessages() {
        var state = LiveFixtures.state()
        _ = state.apply(.liveTest)
        _ = state.apply(.liveTest)
        let message = state.statusMessage
        _ = state.apply(.liveEvent(.event(.phase("load"))))
        _ = state.apply(.liveTick(elapsed: 1))
        #expect(state.statusMessage == message && message != nil)
        #expect(state.livePane?.spinner == 1)
        _ = state.apply(.liveFinished(LiveFixtures.run(.passed)))
        _ = state.apply(.liveTick(elapsed: 99))
        #expect(state.livePane?.spinner == 1 && state.livePane?.elapsed ?? 0 < 7)
    }

    @Test("[ and ] scroll the log, clamped; new lines keep a scrolled-back view still")
    func logScroll() {
        var state = LiveFixtures.state()
        _ = state.apply(.liveTest)
        for index in 0..<10 { _ = state.apply(.liveEvent(.event(.log(stream: "backend", text: "line \(index)")))) }
        _ = state.apply(.scrollLiveLog(-3))
        #expect(state.livePane?.logScroll == 3)
        _ = state.apply(.liveEvent(.event(.log(stream: "backend", text: "line 10"))))
        #expect(state.livePane?.logScroll == 4)
        _ = state.apply(.scrollLiveLog(-100))
        #expect(state.livePane?.logScroll == 10)
        _ = state.apply(.scrollLiveLog(100))
        #expect(state.livePane?.logScroll == 0)
    }
}

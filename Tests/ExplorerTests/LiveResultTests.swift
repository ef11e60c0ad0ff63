import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

@Suite("Live results: recorded, shown in the grid, listed in the detail pane")
struct LiveResultTests {
    @Test("a finished run is recorded and its cell turns live; filters and counts see it")
    func finishedUpdatesGrid() throws {
        let source = InMemoryDataSource(matrices: [ExplorerFixtures.params, ExplorerFixtures.features])
        var state = LiveFixtures.state(source: source)
        _ = state.apply(.openQuery)
        for character in "backend:pytorch status:passed" { _ = state.apply(.typeQuery(character)) }
        _ = state.apply(.acceptQuery)
        let before = state.tab.selection.rows.count
        let countBefore = state.tab.counts.first { state.tab.grid.columns[$0.column].key == "pytorch" }?.passed
        _ = state.apply(.clearFilter)
        state.place(row: LiveFixtures.beamRow, column: "pytorch")
        #expect(state.cursorCell?.status == .untested)
        LiveFixtures.perform(&state, [.liveTest, .liveFinished(LiveFixtures.run(.passed))], source: source)
        #expect(state.livePane?.recordedID == 1)
        #expect(state.cursorCell?.status == .supported)
        #expect(state.cursorCell?.flags.contains(.live) == true)
        #expect(state.cursorCell?.flags.contains(.differs) == false, "untested → passed is news, not a difference")
        LiveFixtures.perform(&state, [.openQuery] + "backend:pytorch status:passed".map(Action.typeQuery) + [.acceptQuery], source: source)
        #expect(state.tab.selection.rows.count == before + 1)
        #expect(state.tab.counts.first { state.tab.grid.columns[$0.column].key == "pytorch" }?.passed == (countBefore ?? 0) + 1)
        let frame = render(state).text()
        #expect(frame.contains("✅L"), "the live marker:\n\(frame)")
    }

    @Test("a failed CPU run on a cell the GPU document passes differs (CPU build), in the grid and the detail; no regression")
    func regressionFlagged() throws {
        let source = InMemoryDataSource(matrices: [ExplorerFixtures.params, ExplorerFixtures.features])
        var state = LiveFixtures.state(column: "vllm", source: source)
        let failed = LiveFixtures.run(.failed, column: "vllm", reason: "beam search rejected")
        LiveFixtures.perform(&state, [.liveTest, .liveFinished(failed), .cancelLiveTest, .toggleDetail], source: source)
        #expect(state.cursorCell?.status == .unsupported)
        #expect(state.cursorCell?.flags.contains(.differs) == true)
        #expect(state.cursorCell?.flags.contains(.regression) == false)
        let frame = render(state).text()
        #expect(frame.contains("❌~"), "the differs marker:\n\(frame)")
        #expect(frame.contains("Differs from the document's ✅ passed"), "\(frame)")
    }

    @Test("the detail pane lists the cell's runs newest first; an error run keeps the grid's verdict")
    func detailListsRuns() throws {
        let source = InMemoryDataSource(matrices: [ExplorerFixtures.params, ExplorerFixtures.features])
        var state = LiveFixtures.state(width: 140, height: 50, source: source)
        LiveFixtures.perform(&state, [.liveTest, .liveFinished(LiveFixtures.run(.passed, minutes: 0)), .cancelLiveTest,
                                      .liveTest, .liveFinished(LiveFixtures.run(.error, minutes: 5, reason: "cancelled during load\nlast stderr lines:")),
                                      .cancelLiveTest, .toggleDetail], source: source)
        #expect(state.cursorCell?.status == .supported, "the error run does not hide the pass")
        let runs = try #require(state.detail?.runs)
        #expect(runs.map(\.status) == [.error, .passed])
        let lines = render(state).text().split(separator: "\n").map(String.init)
        let heading = try #require(lines.firstIndex { $0.contains("Live runs (2, newest first):") })
        let utc = TimeZone(identifier: "UTC")!
        #expect(runs[0].detailLine(symbol: "💥", timeZone: utc) == "2025-11-23 06:45  💥 error  cpu Test CPU  6.2 s  cancelled during load")
        #expect(lines[heading + 1].contains("💥 error  cpu Test CPU  6.2 s  cancelled during load"))
        #expect(lines[heading + 2].contains("✅ passed  cpu Test CPU  6.2 s  1 checks passed"))
    }

    @Test("the keymap lists the live keys, so ? shows them")
    func helpListsLiveKeys() {
        let sections = Keymap.standard.helpSections()
        let grid = sections.first { $0.title == "Grid" }?.lines.map(\.keys) ?? []
        #expect(grid.contains("t") && grid.contains("x") && grid.contains("p"))
        let live = sections.first { $0.title == "Live pane (t)" }?.lines.map(\.keys) ?? []
        #expect(live == ["Esc x", "{", "}", "F", "s", "S"])
        #expect(grid.contains("w") && grid.contains("o"), "wrap and links")
        let searching = sections.first { $0.title == "Live pane, searching its log" }?.lines.map(\.keys) ?? []
        #expect(searching == ["n", "N", "s", "Esc"])
        let searchLine = sections.first { $0.title == "Live pane's search line (s)" }?.lines.map(\.keys) ?? []
        #expect(searchLine == ["Enter", "Esc", "Backspace", "Ctrl-C"] || searchLine.count == 4)
    }
}

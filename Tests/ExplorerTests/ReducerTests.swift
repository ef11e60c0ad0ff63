import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

@Suite("Reducer: each action as a specification")
struct ReducerTests {
    let start = ExplorerFixtures.state(width: 120, height: 40)

    @Test("the seed's parameter matrix loads with its 83 vLLM-tested rows")
    func fixtureLoads() {
        #expect(start.tabs.count == 2)
        #expect(start.tab.grid.name == "params")
        let vllm = start.tab.counts.first { start.tab.grid.columns[$0.column].key == "vllm" }
        #expect(vllm?.tested == 83)
        #expect(vllm?.failed == 15)
    }

    @Test("the counts line counts only the selected rows and columns; a byte that is no status is not counted")
    func countsOverSelection() {
        let supported = CellStatus.supported.code, failed = CellStatus.unsupported.code
        let uncertain = CellStatus.uncertain.code, untested = CellStatus.untested.code
        let grid = MatrixGrid(
            name: "counts", title: "Counts", kind: .parameters, rowHeader: "Parameter",
            columns: (0..<3).map { Column(key: "c\($0)", title: "C\($0)") },
            attributeNames: [], rowKeys: ["r0", "r1", "r2"], sectionIndex: [-1, -1, -1], sectionNames: [],
            attributes: [[], [], []],
            statuses: [supported, failed, 8, uncertain, untested, supported, failed, 200, failed],
            cellFlags: [UInt8](repeating: 0, count: 9))
        let counts = grid.summary(rows: [0, 2], columns: [2, 0])
        #expect(counts.map { [$0.column, $0.passed, $0.failed, $0.uncertain, $0.tested] } == [[2, 0, 1, 0, 1], [0, 1, 1, 0, 2]])
        let uncertainRow = grid.summary(rows: [1], columns: [0, 1])
        #expect(uncertainRow.map { [$0.column, $0.passed, $0.failed, $0.uncertain, $0.tested, $0.untested] }
                == [[0, 0, 0, 1, 1, 0], [1, 0, 0, 0, 0, 1]], "uncertain is tested, not passed")
    }

    @Test("a free word asks the data source's note index through an effect (no I/O in the reducer); the answer narrows the grid")
    func notesThroughAnEffect() {
        var state = ExplorerFixtures.state()
        var effects: [Effect] = []
        for character in "common" { effects = state.apply(.typeQuery(character)) }
        #expect(effects == [.searchNotes(matrix: "params", words: ["common"])])
        #expect(!ExplorerFixtures.rowKeys(state).contains("vllm.block_size=8"), "no answer yet: row names only")
        _ = state.apply(ExplorerFixtures.notesFound(matrix: "params", words: ["common"]))
        #expect(ExplorerFixtures.rowKeys(state).contains("vllm.block_size=8"), "its note says: No common block size for 8")
        #expect(state.apply(.typeQuery(" ")).isEmpty, "each word is asked once")
        #expect(state.apply(.typeQuery("x")) == [.searchNotes(matrix: "params", words: ["x"])])
    }

    @Test("j and k move the cursor down and up, clamped at the edges")
    func moveCursor() {
        var (state, _) = reduce(start, .moveCursor(dx: 0, dy: 1))
        #expect(state.tab.cursorRow == 1)
        (state, _) = reduce(state, .moveCursor(dx: 0, dy: -5))
        #expect(state.tab.cursorRow == 0)
        (state, _) = reduce(state, .moveCursor(dx: 9, dy: 0))
        #expect(state.tab.cursorColumn == state.tab.displayColumnCount - 1)
    }

    @Test("Ctrl-L asks the terminal for a full repaint and changes nothing else")
    func ctrlLRepaints() {
        #expect(Keymap.standard.action(for: .ctrl("l"), in: .grid) == .redraw)
        let (state, effects) = reduce(start, .redraw)
        #expect(effects == [.repaint])
        #expect(render(state) == render(start))
    }

    @Test("PgDn moves a page and scrolls; G and g go to the last and first rows")
    func paging() {
        var (state, _) = reduce(start, .page(1))
        #expect(state.tab.cursorRow > 10)
        (state, _) = reduce(state, .bottom)
        #expect(state.tab.cursorRow == state.tab.selection.rows.count - 1)
        #expect(state.tab.rowOffset > 0)
        let lines = Layout(state).gridLines(state.tab)
        #expect(lines.contains(.row(state.tab.cursorRow)))
        (state, _) = reduce(state, .top)
        #expect(state.tab.cursorRow == 0 && state.tab.rowOffset == 0)
    }

    @Test("Home and End go to the first and last column")
    func homeEnd() {
        var (state, _) = reduce(start, .end)
        #expect(state.tab.cursorColumn == 2)
        (state, _) = reduce(state, .home)
        #expect(state.tab.cursorColumn == 0)
    }

    @Test("Tab and Shift-Tab switch matrices; each keeps its own filter and cursor")
    func tabsKeepState() {
        var (state, _) = ExplorerFixtures.run(start, [.openQuery, .typeQuery("x"), .acceptQuery, .moveCursor(dx: 0, dy: 0)])
        (state, _) = reduce(state, .nextTab)
        #expect(state.tab.grid.name == "features")
        #expect(state.tab.filterText == "")
        (state, _) = reduce(state, .prevTab)
        #expect(state.tab.filterText == "x")
        (state, _) = reduce(state, .selectTab(1))
        #expect(state.activeTab == 1)
        (state, _) = reduce(state, .selectTab(7))
        #expect(state.activeTab == 1)
    }

    @Test("typing backend:vllm status:failed narrows the grid live to the 15 vLLM failures")
    func liveFilter() {
        let keys = Array("backend:vllm status:failed").map(Action.typeQuery)
        let (state, _) = ExplorerFixtures.run(start, [.openQuery] + keys)
        #expect(state.modal == .query)
        #expect(state.tab.queryError == nil)
        #expect(state.tab.selection.rows.count == 15)
        #expect(ExplorerFixtures.rowKeys(state).contains("vllm.block_size=8"))
    }

    @Test("an invalid term is kept as an error with its range, not a crash; the last good view stays")
    func invalidQuery() {
        let keys = Array("backend:vllm colour:red").map(Action.typeQuery)
        let (before, _) = ExplorerFixtures.run(start, [.openQuery] + keys.dropLast())
        let (state, _) = ExplorerFixtures.run(before, [keys.last!])
        let error = try! #require(state.tab.queryError)
        #expect(error.range.lowerBound >= 13)
        #expect(state.tab.selection == before.tab.selection)
        let frame = render(state)
        #expect(frame.lineText(Layout(state).filterY).contains("colour:red"))
        #expect(frame.styleMap().split(separator: "\n")[Layout(state).filterY].contains("E"))
    }

    @Test("Backspace deletes, Esc clears the filter and closes the line")
    func backspaceAndClear() {
        var (state, _) = ExplorerFixtures.run(start, [.openQuery, .typeQuery("v"), .typeQuery("l"), .backspace])
        #expect(state.tab.filterText == "v")
        (state, _) = reduce(state, .clearFilter)
        #expect(state.tab.filterText == "" && state.modal == .none)
        #expect(state.tab.selection.rows.count == state.tab.grid.rowCount)
    }

    @Test("n and N jump to the next and previous failed cell")
    func failures() {
        var (state, _) = reduce(start, .nextFailure)
        let row = try! #require(state.tab.currentRow)
        let column = try! #require(state.tab.currentStatusColumn)
        #expect(state.tab.grid.status(row: row, column: column) == .unsupported)
        let first = state.tab.cursorRow
        (state, _) = reduce(state, .nextFailure)
        #expect(state.tab.cursorRow >= first)
        (state, _) = reduce(state, .prevFailure)
        #expect(state.tab.cursorRow == first)
    }

    @Test("Enter opens the detail pane and asks for the cell's detail; the note arrives")
    func detail() {
        let keys = Array("block_size=8").map(Action.typeQuery)
        let (filtered, _) = ExplorerFixtures.run(start, [.openQuery] + keys + [.acceptQuery, .selectColumn("vllm")])
        let (state, effects) = ExplorerFixtures.run(filtered, [.toggleDetail])
        #expect(state.detailVisible)
        #expect(effects.contains(.loadCellDetail(matrix: "params", row: "vllm.block_size=8", column: "vllm")))
        #expect(state.detail?.note?.contains("No common block size for 8") == true)
        #expect(render(state).text().contains("No common block size for 8"))
    }

    @Test("space marks a row and moves down; m marks a cell; V marks a range; a marks all; u clears")
    func marks() {
        var (state, _) = ExplorerFixtures.run(start, [.markRow, .markRow])
        #expect(state.tab.markedRows == [0, 1])
        (state, _) = ExplorerFixtures.run(state, [.moveCursor(dx: 0, dy: -1), .markRow])
        #expect(state.tab.markedRows == [0])
        (state, _) = ExplorerFixtures.run(state, [.clearMarks, .markRange, .moveCursor(dx: 0, dy: 3), .markRange])
        #expect(state.tab.markedRows.count == 4)
        (state, _) = ExplorerFixtures.run(state, [.clearMarks, .markCell])
        #expect(state.tab.markedCells.count == 1)
        (state, _) = ExplorerFixtures.run(state, [.clearMarks, .markAllMatching])
        #expect(state.tab.markedRows.count == state.tab.grid.rowCount)
    }

    @Test("e opens the export dialog with a default path; Enter asks to write exactly the marked rows")
    func exportFlow() {
        var (state, _) = ExplorerFixtures.run(start, [.markRow, .markRow, .openExport])
        guard case .export(let dialog) = state.modal else { Issue.record("no dialog"); return }
        #expect(dialog.path == "./infermatrix-params.csv")
        #expect(dialog.rowCount == 2)
        (state, _) = reduce(state, .cycleFormat(1))
        guard case .export(let tsv) = state.modal else { return }
        #expect(tsv.path == "./infermatrix-params.tsv")
        let (after, effects) = reduce(state, .exportConfirm)
        guard case .writeExport(let request, overwrite: false)? = effects.first else { Issue.record("no write"); return }
        #expect(request.rowKeys == Array(start.tab.grid.rowKeys.prefix(2)))
        #expect(request.format == .tsv)
        // The file exists: the dialog asks, `y` overwrites.
        let (asking, _) = reduce(after, .exportFailed(.fileExists(path: request.path), request))
        #expect(asking.modal == .confirmOverwrite(request))
        let (_, confirmed) = reduce(asking, .confirmOverwrite)
        #expect(confirmed == [.writeExport(request, overwrite: true)])
    }

    @Test("y asks to copy the selection as Markdown")
    func copy() {
        let (_, effects) = reduce(start, .copyMarkdown)
        guard case .copyToClipboard(let request)? = effects.first else { Issue.record("no copy"); return }
        #expect(request.format == .markdown)
        #expect(request.rowKeys.count == start.tab.grid.rowCount)
    }

    @Test("t without a live-test engine says so and starts nothing")
    func liveTest() {
        let (state, effects) = reduce(start, .liveTest)
        #expect(effects.isEmpty)
        #expect(state.livePane == nil)
        #expect(state.statusMessage?.text.hasPrefix("Live tests need the live-test engine") == true)
    }

    @Test("resize changes the size; below 60×16 the frame says how big to make it")
    func resize() {
        let (state, _) = reduce(start, .resize(width: 50, height: 10))
        #expect(state.width == 50 && state.isTooSmall)
        #expect(render(state).text().contains("Make it at least 60×16"))
    }

    @Test("a click on a tab switches to it; a click in the grid moves the cursor; the wheel scrolls")
    func mouse() {
        let labels = Layout.tabLabels(start)
        var (state, _) = reduce(start, .mouseClick(x: labels[1].x + 2, y: 0))
        #expect(state.activeTab == 1)
        (state, _) = reduce(state, .prevTab)
        (state, _) = reduce(state, .mouseClick(x: Layout(state).frozenWidth + 1, y: Layout.gridTop + 3))
        #expect(state.tab.cursorRow > 0)
        (state, _) = reduce(state, .mouseWheel(3))
        #expect(state.tab.rowOffset == 3)
    }

    @Test("f toggles a backend term into the filter")
    func quickToggles() {
        var (state, _) = ExplorerFixtures.run(start, [.openToggles, .moveToggle(1), .toggleItem])
        #expect(state.tab.filterText == "backend:vllm")
        (state, _) = reduce(state, .toggleItem)
        #expect(state.tab.filterText == "")
    }

    @Test("q quits and asks to save the session; the session restores filter, cursor and tab")
    func sessionRoundTrip() {
        var (state, _) = ExplorerFixtures.run(start, [.openQuery] + Array("backend:vllm").map(Action.typeQuery) + [.acceptQuery, .moveCursor(dx: 0, dy: 4), .nextTab])
        let (quit, effects) = reduce(state, .quit)
        #expect(quit.quitting)
        guard case .saveSession(let session)? = effects.first else { Issue.record("no save"); return }
        #expect(session.activeMatrix == "features")
        state = ExplorerFixtures.state(width: 120, height: 40)
        (state, _) = reduce(state, .restoreSession(session))
        #expect(state.activeTab == 1)
        (state, _) = reduce(state, .prevTab)
        #expect(state.tab.filterText == "backend:vllm")
        #expect(state.tab.cursorRow == 4)
    }
}

extension Action {
    /// Test shorthand: puts the cursor on a status column by key (through Home and moves).
    static func selectColumn(_ key: String) -> Action { .moveCursor(dx: key == "vllm" ? 1 : 0, dy: 0) }
}

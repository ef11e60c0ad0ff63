import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// Sort, hide/show/move/resize columns, the legend, the row indicator, the summary sheet and
/// saved views: each key as a specification over seed 000's parameter matrix.
@Suite("Grid tools: legend, widths, sort, columns, summary sheet, saved views")
struct GridToolsReducerTests {
    let start = ExplorerFixtures.state(width: 120, height: 40)

    func columnKeys(_ state: ExplorerState) -> [String] { state.tab.selection.columns.map { state.tab.grid.columns[$0].key } }

    func failures(_ state: ExplorerState, row: Int) -> Int {
        state.tab.selection.columns.filter { state.tab.grid.status(row: row, column: $0) == .unsupported }.count
    }

    // MARK: - Legend

    @Test("no cell mark is any glyph set's status glyph, and the legend names every glyph and mark")
    func markersCollideWithNoGlyph() {
        for glyphs in GlyphSet.all {
            let statusGlyphs = Set(CellStatus.allCases.map(glyphs.glyph(for:)))
            for marker in CellMarker.allCases {
                #expect(!statusGlyphs.contains(marker.symbol), "\(marker) collides with \(glyphs.name)")
            }
            let legend = Legend(glyphs: glyphs).longLines.joined(separator: "\n")
            for symbol in statusGlyphs.union(CellMarker.allCases.map(\.symbol)) {
                #expect(legend.contains(symbol + " "), "\(glyphs.name) legend misses \(symbol)")
            }
        }
    }

    @Test("i puts the legend above the filter line and takes its lines from the grid; ? lists it first")
    func legendInFooter() {
        let on = ExplorerFixtures.run(start, [.toggleLegend]).0
        #expect(on.legendInFooter)
        let layout = Layout(on)
        #expect(!layout.legendLines.isEmpty && layout.gridBottom == Layout(start).gridBottom - layout.legendLines.count)
        let text = render(on).text()
        #expect(text.contains("✅ passed") && text.contains("L live") && text.contains("* note"))
        let help = Painter.helpLines(glyphs: .unicode).map(\.0)
        #expect(help.first == "Legend (i shows it in the footer)")
        #expect(help.contains("  ? uncertain: it ran, but the effect could not be verified"))
        #expect(!ExplorerFixtures.run(on, [.toggleLegend]).0.legendInFooter)
    }

    // MARK: - Widths and the row indicator

    @Test("row names take the room columns leave; _ and - widen and narrow the column; = restores it")
    func widths() {
        let layout = Layout(start)
        let columns = layout.visibleColumns(start.tab, glyphs: start.glyphs)
        let used = (columns.last.map { $0.x + $0.width } ?? layout.frozenWidth)
        #expect(layout.frozenWidth == start.tab.rowKeyWidth + 3 || used == layout.gridWidth,
                "names cut (\(layout.frozenWidth)) while \(layout.gridWidth - used) columns stay empty")
        let cursorWidth = { (state: ExplorerState) in
            Layout(state).visibleColumns(state.tab, glyphs: state.glyphs).first { $0.index == state.tab.cursorColumn }!.width
        }
        let before = cursorWidth(start)
        let wider = ExplorerFixtures.run(start, [.resizeColumn(1)]).0
        #expect(cursorWidth(wider) == before + 4)
        let narrower = ExplorerFixtures.run(wider, [.resizeColumn(-1), .resizeColumn(-1)]).0
        #expect(cursorWidth(narrower) == max(3, before - 4))
        #expect(cursorWidth(ExplorerFixtures.run(narrower, [.autoWidth]).0) == before)
    }

    @Test("the tab bar says which row the cursor is on: row 3 of 110, and of the filtered rows")
    func rowIndicator() {
        let moved = ExplorerFixtures.run(start, [.moveCursor(dx: 0, dy: 2)]).0
        #expect(render(moved).text().contains("row 3 of \(start.tab.grid.rowCount)"))
        let filtered = ExplorerFixtures.run(start, [.openQuery] + "backend:vllm status:failed".map(Action.typeQuery) + [.acceptQuery]).0
        #expect(render(filtered).text().contains("row 1 of 15 (\(start.tab.grid.rowCount))"))
    }

    @Test("the counts line sits above each shown column, so End scrolls it with the grid")
    func countsScroll() {
        let narrow = ExplorerFixtures.state(width: 60, height: 24)
        let end = ExplorerFixtures.run(narrow, [.end]).0
        let last = end.tab.selection.columns.last!
        let count = end.tab.counts.first { $0.column == last }!
        let shown = Layout(end).visibleColumns(end.tab, glyphs: end.glyphs).last!
        // By terminal column (an emoji before it is one character in two columns).
        let cells = render(end).line(Layout.countsY)
        let fromColumn = cells[(cells.startIndex + shown.x)...].filter { $0.width != 0 }.map(\.text).joined()
        let text = "\(count.passed)/\(count.tested)"
        #expect(fromColumn.hasPrefix(text), "\(render(end).lineText(Layout.countsY))")
    }

    // MARK: - Sort

    @Test("] sorts rows within each section (sections stay in place); O picks the key; the cursor keeps its row")
    func sortWithinSections() {
        let grid = start.tab.grid
        let descending = ExplorerFixtures.run(start, [.cycleSortKey, .cycleSortKey, .sortRows(descending: true)]).0
        #expect(descending.tab.arrangement.sort == RowSort(.failures, descending: true))
        let rows = descending.tab.selection.rows
        #expect(Set(rows) == Set(0..<grid.rowCount))
        // Sections appear in the document's order, each once.
        let sections = rows.map { grid.sectionIndex[$0] }
        var seen: [Int32] = []
        for section in sections where seen.last != section { #expect(!seen.contains(section)); seen.append(section) }
        #expect(seen == seen.sorted())
        for (a, b) in zip(rows, rows.dropFirst()) where grid.sectionIndex[a] == grid.sectionIndex[b] {
            #expect(failures(descending, row: a) >= failures(descending, row: b))
        }
        let byName = ExplorerFixtures.run(start, [.sortRows(descending: false)]).0
        for (a, b) in zip(byName.tab.selection.rows, byName.tab.selection.rows.dropFirst())
        where grid.sectionIndex[a] == grid.sectionIndex[b] {
            #expect(grid.rowKeys[a] <= grid.rowKeys[b])
        }
        let row = start.tab.currentRow
        let cursorMoved = ExplorerFixtures.run(start, [.moveCursor(dx: 0, dy: 5), .sortRows(descending: true)]).0
        #expect(cursorMoved.tab.currentRow == ExplorerFixtures.run(start, [.moveCursor(dx: 0, dy: 5)]).0.tab.currentRow)
        #expect(row != nil)
    }

    @Test("pass rate sorts rows with nothing tested last; last run asks the data source once")
    func passRateAndLastRun() {
        let rate = ExplorerFixtures.run(start, [.cycleSortKey, .cycleSortKey, .cycleSortKey]).0
        #expect(rate.tab.arrangement.sort?.key == .passRate)
        let (lastRun, effects) = ExplorerFixtures.run(rate, [.cycleSortKey])
        #expect(lastRun.tab.arrangement.sort?.key == .lastRun)
        #expect(effects.contains(.loadLastRuns(matrix: "params")))
        #expect(lastRun.tab.lastRun != nil)
        #expect(ExplorerFixtures.run(lastRun, [.cycleSortKey]).0.tab.arrangement.sort == nil)
    }

    @Test("rows without a value (never run) keep their order, last, in both directions")
    func sortWithoutValues() {
        let rows = Array(0..<start.tab.grid.rowCount)
        for descending in [false, true] {
            let sorted = RowSort(.lastRun, descending: descending).sorted(rows, in: start.tab.grid, columns: [0, 1])
            #expect(sorted == rows)
        }
        let keyed = RowSort(.lastRun, descending: true).sorted(rows, in: start.tab.grid, columns: [0],
                                                              lastRun: [start.tab.grid.rowKeys[5]: 1, start.tab.grid.rowKeys[3]: 2])
        #expect(Array(keyed.prefix(4)) == [3, 5, 0, 1] || start.tab.grid.sectionIndex[3] != start.tab.grid.sectionIndex[0],
                "\(keyed.prefix(6))")
    }

    @Test("a sort by failures keeps every row exactly once (its speed: matrix-bench)")
    func sortKeepsRows() {
        let rows = Array(0..<start.tab.grid.rowCount).reversed().map { $0 }
        let sorted = RowSort(.failures).sorted(rows, in: start.tab.grid, columns: Array(0..<start.tab.grid.columnCount))
        #expect(sorted.sorted() == Array(0..<start.tab.grid.rowCount))
    }

    // MARK: - Columns

    @Test("H hides the current column, U shows it again; < > move a status column; all part of the view")
    func hideShowMove() {
        let onVLLM = ExplorerFixtures.run(start, [.openQuery] + "backend:vllm".map(Action.typeQuery) + [.clearFilter]).0
        let keys = columnKeys(onVLLM)
        let first = ExplorerFixtures.run(start, [.home]).0
        let firstKey = first.tab.arrangementKey(first.tab.displayColumn(0)!)
        let hidden = ExplorerFixtures.run(first, [.hideColumn]).0
        #expect(!hidden.tab.displayColumns.map(hidden.tab.arrangementKey).contains(firstKey))
        #expect(hidden.statusMessage?.text.contains("U shows") == true)
        #expect(ExplorerFixtures.run(hidden, [.showAllColumns]).0.tab.displayColumns == first.tab.displayColumns)
        // A status column moves right and the cursor follows it; the counts follow the order.
        let attributes = start.tab.shownAttributes.count
        let onFirstStatus = ExplorerFixtures.run(start, [.home, .moveCursor(dx: attributes, dy: 0)]).0
        let moved = ExplorerFixtures.run(onFirstStatus, [.moveColumn(1)]).0
        #expect(columnKeys(moved) == [keys[1], keys[0]] + keys.dropFirst(2))
        #expect(moved.tab.currentStatusColumn == onFirstStatus.tab.currentStatusColumn)
        #expect(moved.tab.counts.map(\.column) == moved.tab.selection.columns)
        // The arrangement survives a filter that drops and brings back columns.
        let refiltered = ExplorerFixtures.run(moved, [.openQuery] + "backend:vllm".map(Action.typeQuery) + [.clearFilter]).0
        #expect(columnKeys(refiltered) == columnKeys(moved))
    }

    @Test("a grid of another shape (an environment view, a re-import) keeps the tab's sort and hidden columns")
    func arrangementSurvivesReload() {
        let arranged = ExplorerFixtures.run(start, [.sortRows(descending: true), .end, .hideColumn]).0
        let fewer = ExplorerFixtures.params.restricted(toRows: Array(start.tab.grid.rowKeys.prefix(50)),
                                                       columns: start.tab.grid.columns.map(\.key))
        let reloaded = ExplorerFixtures.run(arranged, [.gridReloaded(LoadedGrid(MatrixGrid(fewer)))]).0
        #expect(reloaded.tab.grid.rowCount == 50)
        #expect(reloaded.tab.arrangement == arranged.tab.arrangement)
        #expect(reloaded.tab.selection.columns.count == arranged.tab.selection.columns.count)
    }

    @Test("hiding every column keeps the last one, and says so")
    func lastColumnStays() {
        var state = start
        for _ in 0..<(start.tab.displayColumnCount + 1) { state = ExplorerFixtures.run(state, [.hideColumn]).0 }
        #expect(state.tab.displayColumnCount == 1)
        #expect(state.statusMessage?.isError == true)
    }

    // MARK: - Summary sheet

    @Test("F counts statuses per section × column; Enter opens the grid filtered to that section, column and status")
    func summarySheet() {
        let opened = ExplorerFixtures.run(start, [.openSummary]).0
        guard case .summary(let sheet) = opened.modal else { Issue.record("no sheet"); return }
        let grid = start.tab.grid
        let total = sheet.lines.reduce(0) { $0 + $1.summary.total }
        #expect(total == grid.rowCount * grid.columnCount)
        // Down to the first line with failures, on the failed status.
        guard let index = sheet.lines.firstIndex(where: { $0.summary.failed > 0 }) else { Issue.record("no failures"); return }
        let line = sheet.lines[index]
        let (filtered, _) = ExplorerFixtures.run(opened, [.moveSummary(dx: 0, dy: index), .openSummaryCell])
        #expect(filtered.modal == .none)
        #expect(filtered.tab.selection.rows.count == line.summary.failed, "\(filtered.tab.filterText)")
        #expect(filtered.tab.filterText.contains("status:failed"))
        for row in filtered.tab.selection.rows {
            #expect(grid.section(ofRow: row) == line.section)
            #expect(grid.status(row: row, column: line.summary.column) == .unsupported)
        }
    }

    // MARK: - Saved views

    @Test("W names the view and asks the app to save it; v lists views; Enter applies query, sort and columns")
    func savedViews() {
        let arranged = ExplorerFixtures.run(start, [.openQuery] + "backend:vllm".map(Action.typeQuery)
                                            + [.acceptQuery, .sortRows(descending: true)]).0
        var (saving, effects) = ExplorerFixtures.run(arranged, [.openSaveView] + "vllm-desc".map(Action.typeViewName) + [.confirmSaveView])
        let view = SavedView(name: "vllm-desc", matrix: "params", query: "backend:vllm",
                             arrangement: GridArrangement(sort: RowSort(.name, descending: true)))
        #expect(effects == [.saveView(view)])
        saving = ExplorerFixtures.run(saving, [.viewSaved(view), .clearFilter, .nextTab]).0
        #expect(saving.savedViews == [view])
        let applied = ExplorerFixtures.run(saving, [.openViews, .pickView]).0
        #expect(applied.tab.grid.name == "params" && applied.tab.filterText == "backend:vllm")
        #expect(applied.tab.arrangement.sort == RowSort(.name, descending: true))
        #expect(applied.tab.selection.rows == arranged.tab.selection.rows)
        let bad = ExplorerFixtures.run(start, [.openSaveView] + "has space".map(Action.typeViewName) + [.confirmSaveView])
        #expect(bad.1.isEmpty && bad.0.statusMessage?.isError == true)
    }

    @Test("a restored filter says so in the status line; the arrangement comes back with it")
    func restoreSays() {
        let session = SessionState(activeMatrix: "params", tabs: [
            "params": .init(filter: "backend:vllm", cursorRowKey: nil, cursorColumn: 0,
                            arrangement: GridArrangement(sort: RowSort(.failures, descending: true)))])
        let restored = ExplorerFixtures.run(start, [.restoreSession(session)]).0
        #expect(restored.statusMessage?.text.contains("Restored") == true)
        #expect(restored.statusMessage?.text.contains("/backend:vllm") == true)
        #expect(restored.tab.arrangement.sort == RowSort(.failures, descending: true))
    }

    @Test("help pages with PgDn and stops at its last page")
    func helpPages() {
        let state = ExplorerFixtures.state(width: 160, height: 24)
        let paged = ExplorerFixtures.run(state, [.help, .pageHelp(1)]).0
        #expect(paged.modal == .help(scroll: Painter.helpPage(height: 24)))
        let end = ExplorerFixtures.run(paged, Array(repeating: .pageHelp(1), count: 20)).0
        #expect(end.modal == .help(scroll: Painter.helpLines(glyphs: state.glyphs).count - Painter.helpPage(height: 24)))
    }
}

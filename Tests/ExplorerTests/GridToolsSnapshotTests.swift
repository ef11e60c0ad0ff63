import MatrixCore
import Screen
import Testing
@testable import Explorer

/// Frames of the grid tools at 80×24 and 160×48: legend in the footer, a sorted grid with a
/// hidden and a moved column, a widened column, the summary sheet, saving and picking a view,
/// the help overlay with its legend.
@Suite("Snapshots: grid tools")
struct GridToolsSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    static func typed(_ text: String) -> [Action] { [.openQuery] + text.map(Action.typeQuery) + [.acceptQuery] }

    func record(_ actions: [Action], named name: String, glyphs: GlyphSet = .emoji) {
        for (width, height) in Self.sizes {
            var state = ExplorerFixtures.state(width: width, height: height)
            state.glyphs = glyphs
            let frame = render(ExplorerFixtures.run(state, actions).0)
            SnapshotAssertion.assertMatches(frame, theme: .dark, named: "\(name)-dark-\(width)x\(height)")
        }
    }

    @Test("i: the legend above the filter line")
    func legend() { record([.toggleLegend, .moveCursor(dx: 0, dy: 3)], named: "legend-footer") }

    @Test("sorted by failures ↓ within sections, TensorRT hidden, vLLM moved first, the row indicator")
    func arranged() {
        record([.cycleSortKey, .cycleSortKey, .sortRows(descending: true), .end, .hideColumn, .home, .moveCursor(dx: 1, dy: 0),
                .moveColumn(-1), .moveCursor(dx: 0, dy: 4)], named: "sorted-hidden")
    }

    @Test("_ widens the current column twice; End scrolls the counts line with the grid")
    func widened() { record([.end, .resizeColumn(1), .resizeColumn(1)], named: "widened-end") }

    @Test("F: the summary sheet, the cursor on a failure count")
    func summary() { record([.openSummary, .moveSummary(dx: 0, dy: 2)], named: "summary-sheet") }

    @Test("F then Enter: the grid filtered to a section, column and status")
    func summaryToGrid() { record([.openSummary, .moveSummary(dx: 0, dy: 2), .openSummaryCell], named: "summary-to-grid") }

    @Test("W: naming the view; v: the list")
    func views() {
        record(Self.typed("backend:vllm") + [.sortRows(descending: true), .openSaveView] + "vllm".map(Action.typeViewName),
               named: "save-view")
        let view = SavedView(name: "vllm-failures", matrix: "params", query: "backend:vllm status:failed",
                             arrangement: GridArrangement(sort: RowSort(.name, descending: true), hiddenColumns: ["tensorrt"]))
        record([.viewSaved(view), .openViews], named: "views-list")
    }

    @Test("?: help with the legend, the whole width, paged with PgDn (unicode glyphs)")
    func help() { record([.help, .pageHelp(1)], named: "help-paged", glyphs: .unicode) }
}

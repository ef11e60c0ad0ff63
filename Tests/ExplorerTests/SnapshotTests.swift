import MatrixCore
import Screen
import Testing
@testable import Explorer

/// Fixed frames, compared with the committed files in `Snapshots/`: every theme at 80×24 and 160×48.
@Suite("Snapshots: rendered frames per theme and size")
struct SnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

    /// A frame that shows most of the screen: a filter, a marked row, the cursor on a failure, the detail pane.
    static func busyState(width: Int, height: Int, theme: Theme) -> ExplorerState {
        let state = ExplorerFixtures.state(width: width, height: height, theme: theme)
        let typing = Array("-section:batching").map(Action.typeQuery)
        return ExplorerFixtures.run(state, [.openQuery] + typing + [.acceptQuery, .markRow, .nextFailure, .toggleDetail]).0
    }

    @Test("the grid with filter, marks, cursor and detail pane", arguments: Theme.builtins.map(\.name))
    func busyFrames(themeName: String) {
        let theme = Theme.named(themeName)!
        for (width, height) in Self.sizes {
            let frame = render(Self.busyState(width: width, height: height, theme: theme))
            SnapshotAssertion.assertMatches(frame, theme: theme, named: "grid-\(theme.name)-\(width)x\(height)")
        }
    }

    @Test("the features tab: text columns, N/A, footnote markers")
    func featuresFrame() {
        let state = ExplorerFixtures.run(ExplorerFixtures.state(width: 80, height: 24), [.nextTab, .end]).0
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "features-dark-80x24")
    }

    @Test("overlays: help, export dialog, invalid query")
    func overlays() {
        let base = ExplorerFixtures.state(width: 80, height: 24)
        let help = ExplorerFixtures.run(base, [.help]).0
        SnapshotAssertion.assertMatches(render(help), theme: .dark, named: "help-dark-80x24")
        let export = ExplorerFixtures.run(base, [.markRow, .openExport]).0
        SnapshotAssertion.assertMatches(render(export), theme: .dark, named: "export-dark-80x24")
        let invalid = ExplorerFixtures.run(base, [.openQuery] + Array("backend:vllm colour:red").map(Action.typeQuery)).0
        SnapshotAssertion.assertMatches(render(invalid), theme: .dark, named: "invalid-query-dark-80x24")
    }

    @Test("ASCII glyphs keep the columns where the emoji put them")
    func asciiFrame() {
        var state = ExplorerFixtures.state(width: 80, height: 24)
        state.glyphs = .ascii
        SnapshotAssertion.assertMatches(render(state), theme: .dark, named: "grid-ascii-80x24")
    }
}

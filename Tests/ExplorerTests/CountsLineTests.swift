import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// The counts above each status column, the `F` sheet's pass rate and the pass-rate sort: an
/// uncertain cell (⚠️: it ran, no oracle saw the effect) is not a pass. Session 2's line read
/// `34/43 ❌9` over a column of ⚠️.
@Suite("counts: uncertain is not passed")
struct CountsLineTests {
    /// `vllm`: 3 passed, 2 failed, 4 uncertain, 3 untested; `pytorch`: 12 uncertain.
    static let matrix: Matrix = {
        let vllm: [CellStatus] = [.supported, .supported, .supported, .unsupported, .unsupported,
                                  .uncertain, .uncertain, .uncertain, .uncertain, .untested, .untested, .untested]
        return Matrix(name: "params", title: "Counts", kind: .parameters,
                      columns: [Column(key: "vllm", title: "vLLM"), Column(key: "pytorch", title: "PyTorch")],
                      rowHeader: "Parameter",
                      rows: vllm.enumerated().map { index, status in
                          Row(key: "p\(index)", cells: ["vllm": Cell(status: status, literal: status.symbol),
                                                        "pytorch": Cell(status: .uncertain, literal: "⚠️")])
                      })
    }()

    static func state(width: Int = 120, glyphs: GlyphSet = .emoji) -> ExplorerState {
        let grids = (try? InMemoryDataSource(matrices: [matrix]).grids()) ?? []
        return ExplorerState(grids: grids, width: width, height: 30, theme: .dark, glyphs: glyphs)
    }

    @Test("a column of uncertain cells reads 0 passed of 12 with its ⚠️ count, never 12/12")
    func uncertainColumn() {
        let state = Self.state()
        let line = render(state).lineText(Layout.countsY)
        #expect(line.contains("0/12 ⚠️12"), "\(line)")
        #expect(!line.contains("12/12"), "\(line)")
        #expect(line.contains("3/9 ❌2 ⚠️4"), "\(line)")
    }

    @Test("a narrow column drops the uncertain part, then the failed part, never one in the middle")
    func narrow() {
        let summary = ColumnSummary(column: 0, key: "vllm", title: "vLLM", supported: 26, failed: 9, uncertain: 8)
        func shown(_ width: Int) -> String { CountsLine.fitted(summary, glyphs: .emoji, width: width).map(\.text).joined() }
        #expect(shown(40) == "26/43 ❌9 ⚠️8")
        #expect(shown(13) == "26/43 ❌9 ⚠️8")
        #expect(shown(12) == "26/43 ❌9")
        #expect(shown(9) == "26/43 ❌9")
        #expect(shown(8) == "26/43")
        #expect(shown(3) == "26/43", "the column's edge cuts the first part")
        let noFailures = ColumnSummary(column: 0, key: "x", title: "X", supported: 1, uncertain: 2)
        #expect(CountsLine.fitted(noFailures, glyphs: .ascii, width: 10).map(\.text).joined() == "1/3 ?2")
        #expect(CountsLine.widths(summary, glyphs: .emoji) == (first: 5, all: 13))
    }

    @Test("the counts take the glyph set's symbols", arguments: [GlyphSet.unicode, .ascii])
    func glyphSets(glyphs: GlyphSet) {
        let line = render(Self.state(glyphs: glyphs)).lineText(Layout.countsY)
        #expect(line.contains("3/9 \(glyphs.failed)2 \(glyphs.uncertain)4"), "\(line)")
        #expect(line.contains("0/12 \(glyphs.uncertain)12"), "\(line)")
    }

    @Test("the F sheet's pass rate is passed over tested: an uncertain column passes 0%")
    func summarySheetRate() {
        let sheet = SummarySheet(Self.state().tab)
        let rates = Dictionary(uniqueKeysWithValues: sheet.lines.map { ($0.summary.key, $0.summary.passRate) })
        #expect(rates["pytorch"] == 0)
        #expect(rates["vllm"] == 3.0 / 9.0)
    }

    @Test("the pass-rate sort ranks an uncertain row below a passed one")
    func passRateSort() {
        let grid = Self.state().tab.grid
        let vllm = grid.columns.firstIndex { $0.key == "vllm" }!
        // p0 passed, p5 uncertain, p3 failed: ascending rate puts failed and uncertain (both 0) before passed.
        let rows = [0, 5, 3].map { key in grid.rowKeys.firstIndex(of: "p\(key)")! }
        let sorted = RowSort(.passRate).sorted(rows, in: grid, columns: [vllm])
        #expect(sorted.last == rows[0], "\(sorted.map { grid.rowKeys[$0] })")
    }

    @Test("a Markdown excerpt's Summary counts uncertain apart; the whole document keeps its own Summary")
    func markdownSummary() {
        let excerpt = MatrixExporter.export(Self.matrix, as: .markdown, excerpt: true)
        #expect(excerpt.contains("- **VLLM**: 3/9 (33.3%) [failed: 2, uncertain: 4, skipped: 0]"), "\(excerpt.prefix(400))")
        #expect(excerpt.contains("- **PYTORCH**: 0/12 (0.0%) [failed: 0, uncertain: 12, skipped: 0]"), "\(excerpt.prefix(400))")
        #expect(excerpt.contains("| ⚠️ | Uncertain - it ran, but the effect could not be verified (not counted as passed) |"))
        // The whole document is written back as imported: its Summary and legend count ⚠️ as passed.
        let document = MatrixExporter.export(Self.matrix, as: .markdown)
        #expect(document.contains("- **VLLM**: 7/9 (77.8%) [failed: 2, skipped: 0]"), "\(document.prefix(400))")
        #expect(document.contains("| ⚠️ | Passed but validation uncertain |"))
    }
}

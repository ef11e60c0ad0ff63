import Testing
@testable import MatrixCore

@Suite("Cell status")
struct CellStatusTests {
    @Test("seed 000 glyphs map to statuses, with and without the variation selector")
    func glyphs() {
        #expect(CellStatus(symbol: "✅") == .supported)
        #expect(CellStatus(symbol: "❌") == .unsupported)
        #expect(CellStatus(symbol: "⚠️") == .uncertain)
        #expect(CellStatus(symbol: "⚠") == .uncertain)
        #expect(CellStatus(symbol: "➖") == .untested)
        #expect(CellStatus(symbol: "?") == nil)
    }

    @Test("feature words map to statuses")
    func words() {
        #expect(CellStatus(word: "Yes") == .supported)
        #expect(CellStatus(word: "N/A") == .notApplicable)
        #expect(CellStatus(word: "Untested") == .untested)
        #expect(CellStatus(word: "Maybe") == nil)
    }

    @Test("codes round-trip")
    func codes() {
        for status in CellStatus.allCases { #expect(CellStatus(code: status.code) == status) }
    }

    @Test("a grid keeps statuses and flags row-major")
    func grid() {
        let matrix = Matrix(name: "m", title: "M", kind: .parameters,
                            columns: [Column(key: "a", title: "A"), Column(key: "b", title: "B")],
                            rows: [Row(key: "r1", section: "S", cells: ["b": Cell(status: .unsupported, note: "boom")]),
                                   Row(key: "r2", cells: ["a": Cell(status: .supported)])])
        let grid = MatrixGrid(matrix)
        #expect(grid.status(row: 0, column: 0) == .untested)
        #expect(grid.status(row: 0, column: 1) == .unsupported)
        #expect(grid.flags(row: 0, column: 1).contains(.note))
        #expect(grid.status(row: 1, column: 0) == .supported)
        #expect(grid.section(ofRow: 0) == "S")
        #expect(grid.section(ofRow: 1) == nil)
    }
}

import Foundation
import Testing
@testable import MatrixCore

/// Several environments side by side: sub-columns, differing cells marked, and the query terms.
@Suite("Side by side")
struct SideBySideTests {
    static let grid = MatrixGrid(Matrix(
        name: "params", title: "P", kind: .parameters,
        columns: [Column(key: "pytorch", title: "PyTorch"), Column(key: "vllm", title: "vLLM")], rowHeader: "Parameter",
        rows: [Row(key: "vllm.block_size=16", cells: ["vllm": Cell(status: .supported)]),
               Row(key: "vllm.block_size=32", cells: ["vllm": Cell(status: .supported)]),
               Row(key: "streaming=True", cells: ["pytorch": Cell(status: .supported), "vllm": Cell(status: .supported)])]))

    static var table: CellVerdicts {
        CellVerdicts(runs: [
            VerdictRuleTests.run("vllm.block_size=16", .failed, at: 1, backend: "vllm", environment: EnvironmentTests.cpuVllm),
            VerdictRuleTests.run("vllm.block_size=32", .passed, at: 1, backend: "vllm", environment: EnvironmentTests.cpuVllm),
            VerdictRuleTests.run("streaming=True", .passed, at: 1, backend: "pytorch"),
        ])
    }

    @Test("a layer splits only its own backend's column on a parameter matrix; differing cells are marked")
    func subColumns() throws {
        let cpu = Environment(backend: "vllm", fingerprint: EnvironmentTests.cpuVllm)
        let layer = VerdictLayer(grid: Self.grid, table: Self.table, environment: cpu, name: "cpu·vllm 0.32")
        let view = Self.grid.sideBySide([layer])
        #expect(view.columns.map(\.key) == ["pytorch", "vllm", "vllm@cpu-vllm-0.32"])
        #expect(view.columns[2].title == "vLLM · cpu·vllm 0.32")
        #expect(view.status(row: 0, column: 2) == .unsupported)
        #expect(view.flags(row: 0, column: 1).contains(.differs) && view.flags(row: 0, column: 2).contains(.differs))
        #expect(!view.flags(row: 1, column: 2).contains(.differs))
        #expect(view.flags(row: 1, column: 2).contains(.live))
        #expect(try view.select(Query.parse("differs")).rows == [0])
        #expect(try view.select(Query.parse("-differs backend:vllm")).rows == [1, 2])
        #expect(MatrixGrid.splitSubColumnKey("vllm@cpu-vllm-0.32") == ("vllm", "cpu-vllm-0.32"))
        // Without the document: only the environments' sub-columns (and untouched columns).
        let bare = Self.grid.sideBySide([layer], document: false)
        #expect(bare.columns.map(\.key) == ["pytorch", "vllm@cpu-vllm-0.32"])
    }

    @Test("env:, differs and differs:A,B parse; differs: needs two names")
    func parsing() throws {
        let query = try Query.parse("env:h100-torch-2.11 differs -differs:doc,cpu-vllm-0.32")
        #expect(query.terms.map(\.kind) == [.environment("h100-torch-2.11"), .differs([]), .differs(["doc", "cpu-vllm-0.32"])])
        #expect(query.environmentNames == ["h100-torch-2.11", "doc", "cpu-vllm-0.32"])
        #expect(query.asksDiffers)
        #expect(throws: QueryError.self) { try Query.parse("differs:doc") }
        #expect(try Query.parse("\"differs\"").terms.map(\.kind) == [.word("differs")])
    }
}

import Testing
@testable import MatrixCore

@Suite("Merging results and diffing matrices")
struct DiffMergeTests {
    @Test("merging replaces the backend's cells, keeps the others, adds rows in order")
    func merge() throws {
        let params = try ImportFixtures.params()
        let results = try TestResultsJSON.parse(try ImportFixtures.fixture("test_results_vllm.json"),
                                                path: "test_results_vllm.json")
        let merged = params.merging(results)
        #expect(merged.columns == params.columns)
        #expect(merged.row("vllm.block_size=8")?.cells["vllm"]?.status == .supported)
        #expect(merged.row("vllm.block_size=8")?.cells["vllm"]?.note == nil)
        #expect(merged.row("fp_precision=float32")?.cells["tensorrt"] == params.row("fp_precision=float32")?.cells["tensorrt"])
        #expect(merged.row("fp_precision=float32")?.cells["vllm"]?.status == .unsupported)
        let added = try #require(merged.row("vllm.new_flag"))
        #expect(added.section == "vLLM-specific")
        let vllmKeys = merged.rows.filter { $0.section == "vLLM-specific" }.map(\.key)
        #expect(vllmKeys == vllmKeys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(merged.sections == ParameterSection.canonicalOrder)
        #expect(merged.rows.count == params.rows.count + 2)
        #expect(merged.row("vllm.swap_space=2.0")?.cells["vllm"]?.status == .supported)

        let changes = merged.changes(since: params)
        #expect(changes.contains(.rowAdded(row: "vllm.new_flag")))
        let fix = MatrixChange.statusChanged(row: "vllm.block_size=8", column: "vllm", from: .unsupported, to: .supported)
        #expect(changes.contains(fix))
        #expect(fix.direction == .fix)
        let regression = MatrixChange.statusChanged(row: "fp_precision=float32", column: "vllm", from: .supported, to: .unsupported)
        #expect(changes.contains(regression))
        #expect(!changes.contains { if case .columnAdded = $0 { true } else { false } })
    }

    @Test("merging a new backend adds its column with the known title")
    func newColumn() {
        let matrix = Matrix(name: "params", title: "", kind: .parameters, columns: [Column(key: "vllm", title: "vLLM")])
        let results = TestResults(backend: "tensorrt", rows: [Row(key: "streaming", cells: ["tensorrt": Cell(status: .supported)])])
        let merged = matrix.merging(results)
        #expect(merged.columns.map(\.title) == ["vLLM", "TensorRT"])
        #expect(merged.row("streaming")?.section == "Streaming & Simulation")
        #expect(merged.changes(since: matrix) == [.columnAdded(column: "tensorrt"), .rowAdded(row: "streaming")])
    }

    @Test("changes report removed rows and columns, and missing cells count as untested")
    func removals() {
        let old = Matrix(name: "m", title: "", kind: .features,
                         columns: [Column(key: "a", title: "A"), Column(key: "b", title: "B")],
                         rows: [Row(key: "x", cells: ["a": Cell(status: .supported)]), Row(key: "y")])
        let new = Matrix(name: "m", title: "", kind: .features, columns: [Column(key: "a", title: "A")],
                         rows: [Row(key: "x")])
        #expect(new.changes(since: old) == [
            .columnRemoved(column: "b"), .rowRemoved(row: "y"),
            .statusChanged(row: "x", column: "a", from: .supported, to: .untested),
        ])
        #expect(new.changes(since: nil).isEmpty)
    }

    @Test("restricting keeps the given rows and columns in the given order")
    func restrict() throws {
        let params = try ImportFixtures.params()
        let small = params.restricted(toRows: ["vllm.block_size=8", "streaming", "nope"], columns: ["vllm", "pytorch"])
        #expect(small.rows.map(\.key) == ["vllm.block_size=8", "streaming"])
        #expect(small.columns.map(\.key) == ["vllm", "pytorch"])
        #expect(small.row("vllm.block_size=8")?.cells["tensorrt"] == nil)
        #expect(small.row("vllm.block_size=8")?.cells["vllm"]?.note == "Error: No common block size for 8. ")
    }
}

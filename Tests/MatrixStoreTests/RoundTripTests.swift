import Foundation
import MatrixCore
import Testing
@testable import MatrixStore

@Suite("Storing and loading matrices")
struct RoundTripTests {
    func storeWithSmallMatrix() throws -> MatrixDatabase {
        let store = try MatrixDatabase(path: try StoreFixtures.temporaryDirectory() + "/m.sqlite")
        _ = try store.importMatrices([StoreFixtures.smallMatrix()], source: StoreFixtures.source, at: "t0")
        return store
    }

    @Test("a matrix comes back exactly as it was stored")
    func roundTrip() throws {
        let store = try storeWithSmallMatrix()
        #expect(try store.loadMatrix("params") == StoreFixtures.smallMatrix())
    }

    @Test("only the asked rows come back, in matrix order")
    func someRows() throws {
        let store = try storeWithSmallMatrix()
        let matrix = try store.loadMatrix("params", rows: ["fp_precision=float16", "vllm.block_size=8"])
        #expect(matrix.rows.map(\.key) == ["vllm.block_size=8", "fp_precision=float16"])
        #expect(matrix.rows[0].cells["vllm"]?.note == "Error: No common block size for 8. ")
    }

    @Test("the grid loaded from the row blobs equals the grid built from the matrix")
    func grid() throws {
        let store = try storeWithSmallMatrix()
        let loaded = try store.loadGrid("params")
        let built = MatrixGrid(StoreFixtures.smallMatrix())
        #expect(loaded.rowKeys == built.rowKeys)
        #expect(loaded.statuses == built.statuses)
        #expect(loaded.cellFlags == built.cellFlags)
        #expect(loaded.sectionNames == built.sectionNames)
        #expect(loaded.sectionIndex == built.sectionIndex)
        #expect(loaded.columns == built.columns)
    }

    @Test("note words are found through FTS5 by prefix, and FTS syntax in the word is harmless")
    func notes() throws {
        let store = try storeWithSmallMatrix()
        #expect(try store.noteMatches(matrix: "params", word: "common") == [0])
        #expect(try store.noteMatches(matrix: "params", word: "flashin") == [1])
        #expect(try store.noteMatches(matrix: "params", word: "nothing-like-it") == [])
        #expect(try store.noteMatches(matrix: "params", word: "\"block(") == [0])
        #expect(try store.noteMatches(matrix: "params", word: "NEAR(\"") == [])
        #expect(try store.noteMatches(matrix: "params", word: "\"") == [])
    }

    @Test("replacing a matrix keeps its tab position and records the changes")
    func replace() throws {
        let store = try storeWithSmallMatrix()
        var other = StoreFixtures.smallMatrix()
        other.name = "features"
        _ = try store.importMatrices([other], source: StoreFixtures.source, at: "t1")
        var newer = StoreFixtures.smallMatrix()
        newer.rows[2].cells["vllm"] = Cell(status: .unsupported, note: "broke")
        newer.rows.remove(at: 1)
        let report = try store.importMatrices([newer], source: StoreFixtures.source, at: "t2")
        #expect(try store.matrices().map(\.name) == ["params", "features"])
        #expect(report.matrices[0].summary.description == "1 regression, 1 row removed")
        let last = try #require(try store.lastImport())
        #expect(last.changes.map(\.change).contains(.statusChanged(row: "fp_precision=float16", column: "vllm", from: .supported, to: .unsupported)))
        #expect(try store.noteMatches(matrix: "params", word: "flashinfer") == [])
        #expect(try store.history(matrix: "params", row: "fp_precision=float16").count == 1)
    }

    @Test("show's details carry footnote texts and their citations")
    func details() throws {
        let store = try storeWithSmallMatrix()
        let details = try store.details(matrix: "params", row: "vllm.block_size=16")
        #expect(details.footnotes.map(\.label) == ["1"])
        #expect(details.footnotes[0].text == "Only on SM90.")
        #expect(details.footnotes[0].citedBy == ["vllm.block_size=16 / tensorrt"])
        #expect(details.source == StoreFixtures.source)
    }
}

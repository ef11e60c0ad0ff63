import Foundation
import MatrixCore
import Testing

@Suite("CellMap: a row's cells by column key")
struct CellMapTests {
    let passed = Cell(status: .supported)
    let failed = Cell(status: .unsupported, note: "Error: No common block size for 8.")

    @Test("reads and writes like a dictionary; assigning nil removes")
    func dictionaryLike() {
        var cells: CellMap = ["vllm": failed]
        cells["pytorch"] = passed
        cells["vllm"] = passed
        #expect(cells["vllm"] == passed)
        #expect(cells["tensorrt"] == nil)
        #expect(cells.count == 2)
        cells["pytorch"] = nil
        cells["absent"] = nil
        #expect(cells.keys == ["vllm"])
    }

    @Test("keys stay sorted, so equal contents are equal maps whatever the order of writing")
    func canonicalOrder() {
        var a = CellMap(), b = CellMap()
        for key in ["c", "a", "b"] { a[key] = passed }
        for key in ["b", "c", "a"] { b[key] = passed }
        #expect(a.keys == ["a", "b", "c"])
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(CellMap(["c": passed, "a": failed]).map(\.key) == ["a", "c"])
    }

    @Test("filter keeps a map; values line up with keys")
    func filterAndValues() {
        let cells: CellMap = ["a": passed, "b": failed, "c": passed]
        let kept = cells.filter { $0.value.status == .supported }
        #expect(kept == ["a": passed, "c": passed])
        #expect(cells.values == [passed, failed, passed])
    }

    @Test("encodes as the JSON object a dictionary gives, and decodes back")
    func codable() throws {
        let cells: CellMap = ["vllm": failed, "pytorch": passed]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(cells)
        #expect(json == (try encoder.encode(["vllm": failed, "pytorch": passed] as [String: Cell])))
        #expect(try JSONDecoder().decode(CellMap.self, from: json) == cells)
    }
}

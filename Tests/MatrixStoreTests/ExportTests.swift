import Foundation
import MatrixCore
import Testing
@testable import MatrixStore

@Suite("Chunked exports")
struct ExportTests {
    /// More rows than one export chunk, with notes that need quoting.
    func bigMatrix() -> Matrix {
        var matrix = StoreFixtures.smallMatrix()
        matrix.rows = (0..<(MatrixDatabase.exportChunk * 2 + 345)).map { index in
            Row(key: "p.n=\(index)", section: index < 1500 ? "A" : "B",
                cells: ["vllm": Cell(status: index % 3 == 0 ? .unsupported : .supported, note: index % 7 == 0 ? "Error: \"quoted\", comma\nline" : nil),
                        "tensorrt": Cell(status: .untested)])
        }
        matrix.footnotes = []
        return matrix
    }

    @Test("a CSV or TSV export written in chunks equals the exporter's output for the whole matrix")
    func chunkedEqualsWhole() throws {
        let store = try MatrixDatabase(path: try StoreFixtures.temporaryDirectory() + "/big.sqlite")
        let matrix = bigMatrix()
        _ = try store.importMatrices([matrix], source: StoreFixtures.source, at: "t")
        for format in [ExportFormat.csv, .tsv] {
            let whole = MatrixExporter.export(matrix, as: format)
            #expect(try store.export("params", as: format) == whole)
        }
        let keys = matrix.rows.map(\.key).filter { $0.hasSuffix("5") }
        let selected = MatrixExporter.export(matrix.restricted(toRows: keys, columns: ["vllm"]), as: .csv)
        #expect(try store.export("params", rows: keys, columns: ["vllm"], as: .csv) == selected)
        let none = MatrixExporter.export(matrix.restricted(toRows: [], columns: ["vllm"]), as: .csv)
        #expect(try store.export("params", rows: [], columns: ["vllm"], as: .csv) == none)
    }
}

import Foundation
import GRDB
import MatrixCore
import Testing
@testable import MatrixStore

@Suite("Chunked exports")
struct ExportTests {
    /// More rows than one export chunk (``MatrixDatabase/exportChunk`` bytes), with cell notes that
    /// need quoting and rows with notes of their own.
    func bigMatrix() -> Matrix {
        var matrix = StoreFixtures.smallMatrix()
        matrix.rows = (0..<2345).map { index in
            Row(key: "p.n=\(index)", section: index < 1500 ? "A" : "B",
                cells: ["vllm": Cell(status: index % 3 == 0 ? .unsupported : .supported, note: index % 7 == 0 ? "Error: \"quoted\", comma\nline" : nil),
                        "tensorrt": Cell(status: .untested, note: index % 11 == 0 ? "tab\there\r\nand a CRLF" : nil)],
                notes: index % 13 == 0 ? ["row note \(index)", "second; \"one\""] : [])
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

    /// Whole (one scan of the notes), a few rows (a seek per noted row, the rows' own notes at
    /// once) and no rows, in CSV and TSV, equal the exporter's output for the same selection.
    func expectSameExports(_ store: MatrixDatabase, _ matrix: Matrix) throws {
        for format in [ExportFormat.csv, .tsv] {
            #expect(try store.export("params", as: format) == MatrixExporter.export(matrix, as: format))
            let keys = matrix.rows.map(\.key).filter { $0.hasSuffix("5") || $0.hasSuffix("=0") || $0.hasSuffix("=1") }
            let grid = try store.loadGrid("params")
            for columns in [["vllm"], ["tensorrt", "vllm"]] {
                let selected = MatrixExporter.export(matrix.restricted(toRows: keys, columns: columns), as: format)
                #expect(try store.export("params", rows: keys, columns: columns, as: format) == selected, "\(format) \(columns)")
                // The same by positions (what `list` passes): no key looked up.
                let selection = Selection(rows: keys.compactMap { grid.rowKeys.firstIndex(of: $0) },
                                          columns: columns.compactMap { key in grid.columns.firstIndex { $0.key == key } })
                for exported in [format, .json] {
                    var bytes: [UInt8] = []
                    try store.export("params", selection: selection, of: grid, as: exported) { bytes += $0 }
                    #expect(String(decoding: bytes, as: UTF8.self) == (try store.export("params", rows: keys, columns: columns, as: exported)))
                }
            }
            let none = MatrixExporter.export(matrix.restricted(toRows: [], columns: ["vllm"]), as: format)
            #expect(try store.export("params", rows: [], columns: ["vllm"], as: format) == none)
        }
    }

    @Test("notes are read by row id range, or through the join when a matrix's row ids are not in position order")
    func notesByRangeOrJoin() throws {
        let store = try MatrixDatabase(path: try StoreFixtures.temporaryDirectory() + "/notes.sqlite")
        var matrix = bigMatrix()
        _ = try store.importMatrices([matrix], source: StoreFixtures.source, at: "t")
        try expectSameExports(store, matrix)
        // Swap the first two rows' positions: ids no longer follow positions (the join path).
        try store.pool.write { db in
            try db.execute(sql: "UPDATE matrix_row SET position = 1 - position WHERE position IN (0, 1)")
        }
        #expect(try store.pool.read { try store.contiguousRowIDs(1, in: $0) } == nil)
        matrix.rows.swapAt(0, 1)
        try expectSameExports(store, matrix)
    }
}

import Testing
@testable import MatrixCore

@Suite("Parameter matrix Markdown export")
struct ExportParameterMatrixTests {
    @Test("exporting seed 000 with its own time reproduces it byte for byte")
    func byteForByte() throws {
        let seed = try ImportFixtures.seed000
        let exported = MatrixExporter.export(try ImportFixtures.params(), as: .markdown, generatedAt: "2026-02-04 14:04")
        #expect(Array(exported.utf8) == Array(seed.utf8))
    }

    @Test("with another time only the Last updated line differs")
    func otherTime() throws {
        let seed = try ImportFixtures.seed000.split(separator: "\n", omittingEmptySubsequences: false)
        let exported = MatrixExporter.export(try ImportFixtures.params(), as: .markdown, generatedAt: "2030-01-01 00:00")
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(exported.count == seed.count)
        let differing = zip(seed, exported).filter { $0 != $1 }
        #expect(differing.count == 1)
        #expect(differing.first?.1 == "> Last updated: 2030-01-01 00:00")
    }

    @Test("summary line counts passed, failed and skipped")
    func summary() throws {
        let matrix = try ImportFixtures.params()
        #expect(ParameterMatrixMarkdownWriter.summaryLine(matrix, column: matrix.columns[1])
                == "- **VLLM**: 68/83 (81.9%) [failed: 15, skipped: 0]")
        let empty = Matrix(name: "params", title: "", kind: .parameters, columns: [Column(key: "x", title: "X")])
        #expect(ParameterMatrixMarkdownWriter.summaryLine(empty, column: empty.columns[0])
                == "- **X**: 0/0 (0.0%) [failed: 0, skipped: 0]")
    }

    @Test("notes are cut at 100 then 80 characters, idempotently on seed notes")
    func shortening() throws {
        let long = String(repeating: "a", count: 300)
        let short = ParameterNotes.shorten(long, key: "vllm")
        #expect(short == "vllm: " + String(repeating: "a", count: 71) + "...")
        #expect(short.count == 80)
        let matrix = try ImportFixtures.params()
        for row in matrix.rows {
            for (key, cell) in row.cells {
                guard let note = cell.note else { continue }
                #expect(ParameterNotes.shorten(note, key: key) == "\(key): \(note)")
            }
        }
    }
}

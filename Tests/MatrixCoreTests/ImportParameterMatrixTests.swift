import Testing
@testable import MatrixCore

@Suite("Parameter matrix import (seed 000)")
struct ImportParameterMatrixTests {
    @Test("reads the name, title, columns and sections of seed 000")
    func shape() throws {
        let matrix = try ImportFixtures.params()
        #expect(matrix.name == "params")
        #expect(matrix.kind == .parameters)
        #expect(matrix.title == "Parameter Support Matrix")
        #expect(matrix.rowHeader == "Parameter")
        #expect(matrix.columns == [Column(key: "pytorch", title: "PyTorch"), Column(key: "vllm", title: "vLLM"),
                                   Column(key: "tensorrt", title: "TensorRT")])
        #expect(matrix.sections == ParameterSection.canonicalOrder)
        #expect(matrix.rows.count == 110)
        #expect(matrix.preamble?.hasPrefix("# Parameter Support Matrix\n") == true)
        #expect(matrix.appendix?.hasPrefix("## Backend Recommendations\n") == true)
    }

    @Test("counts match the summary: vLLM 83 tested, 15 failed; TensorRT 65, 4 failed; PyTorch 3 uncertain")
    func counts() throws {
        let matrix = try ImportFixtures.params()
        #expect(ImportFixtures.count(matrix, "vllm") { $0.isTested } == 83)
        #expect(ImportFixtures.count(matrix, "vllm") { $0 == .unsupported } == 15)
        #expect(ImportFixtures.count(matrix, "tensorrt") { $0.isTested } == 65)
        #expect(ImportFixtures.count(matrix, "tensorrt") { $0 == .unsupported } == 4)
        #expect(ImportFixtures.count(matrix, "pytorch") { $0 == .uncertain } == 3)
        #expect(ImportFixtures.count(matrix, "pytorch") { $0.isTested } == 3)
    }

    @Test("notes go to their backend's cell without the prefix, trailing space kept")
    func notes() throws {
        let matrix = try ImportFixtures.params()
        let row = try #require(matrix.row("vllm.block_size=8"))
        #expect(row.section == "vLLM-specific")
        #expect(row.cells["vllm"]?.note == "Error: No common block size for 8. ")
        #expect(row.cells["vllm"]?.status == .unsupported)
        #expect(row.notes.isEmpty)
        let fp32 = try #require(matrix.row("fp_precision=float32"))
        #expect(fp32.cells["tensorrt"]?.note == "Error: Engine building failed, please check the error log.")
        #expect(fp32.cells["vllm"]?.note == nil)
    }

    @Test("notes split only before a known column key, unknown prefixes stay on the row")
    func noteSplitting() {
        let split = ParameterNotes.split("vllm: Error: a; b; tensorrt: Error: c; other: d", columnKeys: ["vllm", "tensorrt"])
        #expect(split.cells["vllm"] == "Error: a; b")
        #expect(split.cells["tensorrt"] == "Error: c; other: d")
        let unknown = ParameterNotes.split("sglang: Error: x", columnKeys: ["vllm"])
        #expect(unknown.cells.isEmpty)
        #expect(unknown.row == ["sglang: Error: x"])
    }

    // MARK: - Bad input

    static let good = """
        # M

        ## Core Settings

        | Parameter | PyTorch | vLLM | Notes |
        |-----------|---------|------|-------|
        | `a=1` | ✅ | ❌ | vllm: boom |

        """

    /// The error parsing `text` as `m.md` gives (a recorded issue when it parses).
    static func parseError(_ text: String) -> ImportError? {
        #expect(throws: ImportError.self) { try ParameterMatrixMarkdown.parse(text, path: "m.md") }
    }

    @Test("a ragged row is an error at its line")
    func ragged() {
        let text = Self.good.replacingOccurrences(of: "| `a=1` | ✅ | ❌ | vllm: boom |", with: "| `a=1` | ✅ | vllm: boom |")
        #expect(throws: ImportError(file: "m.md", line: 7, message: "row has 3 cells, the header has 4")) {
            try ParameterMatrixMarkdown.parse(text, path: "m.md")
        }
    }

    @Test("a table without a separator is an error")
    func headerless() {
        let text = Self.good.replacingOccurrences(of: "|-----------|---------|------|-------|\n", with: "")
        let error = Self.parseError(text)
        #expect(error?.line == 5)
        #expect(error?.message.contains("no header") == true)
    }

    @Test("an unknown glyph is an error naming the glyph and the column")
    func unknownGlyph() {
        let text = Self.good.replacingOccurrences(of: "| ❌ |", with: "| 🤔 |")
        let error = Self.parseError(text)
        #expect(error?.line == 7)
        #expect(error?.description.contains("\"🤔\"") == true)
        #expect(error?.description.contains("vLLM") == true)
    }

    @Test("a document with no matrix section is an error")
    func noMatrix() {
        #expect(throws: ImportError.self) { try ParameterMatrixMarkdown.parse("# Title\n\nJust prose.\n", path: "m.md") }
    }

    @Test("the small document parses")
    func small() throws {
        let matrix = try ParameterMatrixMarkdown.parse(Self.good, path: "m.md")
        #expect(matrix.rows.map(\.key) == ["a=1"])
        #expect(matrix.row("a=1")?.cells["vllm"]?.note == "boom")
    }

    @Test("CRLF line ends give the same rows and sections")
    func crlf() throws {
        let lf = try ParameterMatrixMarkdown.parse(Self.good, path: "m.md")
        let crlf = try ParameterMatrixMarkdown.parse(Self.good.replacingOccurrences(of: "\n", with: "\r\n"), path: "m.md")
        #expect(crlf.rows == lf.rows)
        #expect(crlf.sections == ["Core Settings"])
    }

    @Test("unknown backends get a key from their title, and sections keep their stored order on export")
    func otherBackend() throws {
        let text = """
            # M

            ## Zeta

            | Parameter | SGLang | Notes |
            |-----------|--------|-------|
            | `z` | ✅ | sglang: fine; extra: note |

            ## Alpha

            | Parameter | SGLang | Notes |
            |-----------|--------|-------|
            | `a` | ⚠ |  |

            """
        let matrix = try ParameterMatrixMarkdown.parse(text, path: "m.md")
        #expect(matrix.columns == [Column(key: "sglang", title: "SGLang")])
        #expect(matrix.row("z")?.cells["sglang"]?.note == "fine; extra: note")
        #expect(matrix.row("a")?.cells["sglang"]?.literal == "⚠")
        let exported = MatrixExporter.export(matrix, as: .markdown, generatedAt: "now")
        let zeta = try #require(exported.range(of: "## Zeta"))
        let alpha = try #require(exported.range(of: "## Alpha"))
        #expect(zeta.lowerBound < alpha.lowerBound)
        #expect(exported.contains("| `a` | ⚠ |  |\n"))
        #expect(try ParameterMatrixMarkdown.parse(exported, path: "again.md").rows == matrix.rows)
    }
}

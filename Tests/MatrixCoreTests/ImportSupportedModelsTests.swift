import Testing
@testable import MatrixCore

@Suite("Supported-models page import (seed 003)")
struct ImportSupportedModelsTests {
    func flattened() throws -> [Matrix] {
        try SupportedModelsPage.parse(try ImportFixtures.seed003, path: "trtllm-supported-models.txt")
    }

    func markdown() throws -> [Matrix] {
        let text = String(decoding: try ImportFixtures.fixture("supported-models.md"), as: UTF8.self)
        return try SupportedModelsPage.parse(text, path: "supported-models.md")
    }

    @Test("the flattened seed and the real Markdown give the same matrices")
    func sameMatrices() throws {
        let flat = try flattened()
        let real = try markdown()
        #expect(flat.map(\.name) == ["models", "features", "multimodal"])
        #expect(flat == real)
        let text = String(decoding: try ImportFixtures.fixture("supported-models.md"), as: UTF8.self)
        let crlf = try SupportedModelsPage.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), path: "crlf.md")
        #expect(crlf == real)
    }

    @Test("the models table has attributes with several values")
    func models() throws {
        let models = try #require(try flattened().first { $0.name == "models" })
        #expect(models.kind == .models)
        #expect(models.title == "Supported Models")
        #expect(models.rowHeader == "Architecture")
        #expect(models.columns.isEmpty)
        #expect(models.attributeNames == ["Model", "HuggingFace Example"])
        #expect(models.rows.count == 20)
        let llama = try #require(models.row("LlamaForCausalLM"))
        #expect(llama.attribute("Model")?.values == ["Llama 3.1", "Llama 3", "Llama 2", "LLaMA"])
        #expect(llama.attribute("HuggingFace Example")?.values == ["meta-llama/Meta-Llama-3.1-70B"])
        #expect(llama.attribute("HuggingFace Example")?.literal == "`meta-llama/Meta-Llama-3.1-70B`")
    }

    @Test("footnotes are linked to the cells that cite them")
    func footnotes() throws {
        let features = try #require(try flattened().first { $0.name == "features" })
        #expect(features.kind == .features)
        #expect(features.columns.count == 14)
        #expect(features.notes == [#"Support for other models may vary. Features marked "N/A" are not applicable to the model architecture."#])
        #expect(features.footnotes == [
            Footnote(label: "1", text: "Chunked Prefill for MLA can only be enabled on SM100."),
            Footnote(label: "2", text: "KV cache reuse for MLA can only be enabled on SM90/SM100 and in BF16/FP8 KV cache dtype."),
        ])
        let cell = try #require(features.row("DeepseekV3ForCausalLM")?.cells["chunked-prefill"])
        #expect(cell.status == .supported)
        #expect(cell.literal == "Yes [^1]")
        #expect(cell.footnotes == ["1"])
        let cited = features.citations(of: "1")
        #expect(cited.count == 1)
        #expect(cited.first?.row == "DeepseekV3ForCausalLM")
        #expect(cited.first?.column == "chunked-prefill")
        #expect(features.row("Qwen3NextForCausalLM")?.cells["disaggregated-serving"]?.status == .untested)
        #expect(features.row("GptOssForCausalLM")?.cells["sliding-window-attention"]?.status == .notApplicable)
    }

    @Test("modality is spelled out from the legend")
    func modality() throws {
        let multimodal = try #require(try flattened().first { $0.name == "multimodal" })
        #expect(multimodal.kind == .features)
        #expect(multimodal.attributeNames == ["Modality"])
        #expect(multimodal.columns.count == 8)
        #expect(multimodal.row("LlavaLlamaModel (VILA)")?.attribute("Modality")?.values == ["Language", "Image", "Video"])
        #expect(multimodal.row("Phi4MMForCausalLM")?.attribute("Modality")?.values == ["Language", "Image", "Audio"])
        #expect(multimodal.row("Phi4MMForCausalLM")?.attribute("Modality")?.literal == "L + I + A")
        let custom = ModalityLegend(document: "Note:\n- L: Lingo\n- X: Xray")
        #expect(custom.values(of: "L + X + V") == ["Lingo", "Xray", "Video"])
    }

    @Test("an unseen table gets a slug name, footnote markers in headers and several examples")
    func unseenTable() throws {
        let text = """
            ## Speculative Decoding Methods

            | Method [^a] | Works | Examples |
            | --- | --- | --- |
            | `Medusa` | Yes | `a/b`, `c/d` |
            | `Lookahead` [^b] | No [^a] | x<br>y |

            [^a]: first
            [^b]: second
            """
        let matrices = try SupportedModelsPage.parse(text, path: "page.md")
        let matrix = try #require(matrices.first)
        #expect(matrix.name == "speculative-decoding-methods")
        #expect(matrix.kind == .features)
        #expect(matrix.rowHeader == "Method")
        #expect(matrix.columns.map(\.key) == ["works"])
        #expect(matrix.row("Medusa")?.attribute("Examples")?.values == ["a/b", "c/d"])
        #expect(matrix.row("Lookahead")?.attribute("Examples")?.values == ["x", "y"])
        #expect(matrix.row("Lookahead")?.footnotes == ["b"])
        #expect(matrix.footnotes.map(\.label) == ["a", "b"])
        #expect(matrix.citations(of: "a").count == 1)
    }

    // MARK: - Bad input

    @Test("a ragged row in real Markdown is an error at its line")
    func raggedMarkdown() {
        let text = "## T\n\n| A | B |\n| --- | --- |\n| `x` | Yes | No |\n"
        #expect(throws: ImportError(file: "p.md", line: 5, message: "row has 3 cells, the header has 2")) {
            try SupportedModelsPage.parse(text, path: "p.md")
        }
    }

    @Test("a table with no header is an error")
    func headerlessMarkdown() {
        let text = "## T\n\n| `x` | Yes |\n| `y` | No |\n"
        let error = #expect(throws: ImportError.self) { try SupportedModelsPage.parse(text, path: "p.md") }
        #expect(error?.line == 3)
        #expect(error?.message.contains("no header") == true)
    }

    @Test("a ragged row in flattened text names the table and row")
    func raggedFlattened() throws {
        var text = try ImportFixtures.seed003
        text = text.replacingOccurrences(of: "| `Gemma3ForCausalLM` | Gemma 3 |",
                                         with: "| `Gemma3ForCausalLM` | extra | Gemma 3 |")
        #expect(text != (try ImportFixtures.seed003))
        let error = #expect(throws: ImportError.self) { try SupportedModelsPage.parse(text, path: "seed.txt") }
        #expect(error?.field == "table 1, row 5")
    }

    @Test("a flattened table cut short in its last row is ragged")
    func truncatedFlattened() {
        let text = "# Supported Models | Architecture | Model | | --- | --- | | `A` | a | | `B` |"
        let error = #expect(throws: ImportError.self) { try SupportedModelsPage.parse(text, path: "f.txt") }
        #expect(error?.field == "table 1, row 2")
        #expect(error?.message == "row has 1 cells, the header has 2")
    }

    @Test("flattened rows with no separator are a table with no header")
    func headerlessFlattened() {
        let text = "# Other | a | b | | c | d | # Supported Models | Architecture | Model | | --- | --- | | `A` | a |"
        let error = #expect(throws: ImportError.self) { try SupportedModelsPage.parse(text, path: "f.txt") }
        #expect(error?.message.contains("no header") == true)
    }

    @Test("a small flattened page rebuilds into headings, notes and rows")
    func smallFlattened() throws {
        let text = "## Model-Feature Matrix Note: Check first. | Arch | KV | | --- | --- | | `A` | Yes [^1] | | `B` | N/A | [^1]: Only on SM100."
        #expect(FlattenedMarkdown.isFlattened(text))
        #expect(!FlattenedMarkdown.isFlattened("| a | -5 |\n| --- | --- |"))
        let matrix = try #require(try SupportedModelsPage.parse(text, path: "f.txt").first)
        #expect(matrix.name == "features")
        #expect(matrix.title == "Model-Feature Matrix")
        #expect(matrix.notes == ["Check first."])
        #expect(matrix.rows.map(\.key) == ["A", "B"])
        #expect(matrix.footnotes == [Footnote(label: "1", text: "Only on SM100.")])
        #expect(matrix.row("B")?.cells["kv"]?.status == .notApplicable)
    }
}

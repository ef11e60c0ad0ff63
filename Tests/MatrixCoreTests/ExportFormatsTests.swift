import Testing
@testable import MatrixCore

@Suite("CSV, TSV, JSON and feature-table exports")
struct ExportFormatsTests {
    static let sample = Matrix(
        name: "params", title: "T", kind: .parameters,
        columns: [Column(key: "vllm", title: "vLLM"), Column(key: "tensorrt", title: "TensorRT")],
        rowHeader: "Parameter",
        rows: [Row(key: "a=1,2", section: "Core Settings",
                   cells: ["vllm": Cell(status: .unsupported, note: "Error: \"quoted\"\nsecond\tline")])])

    @Test("CSV quotes commas, quotes and line breaks, with CRLF line ends")
    func csv() {
        let csv = MatrixExporter.export(Self.sample, as: .csv)
        #expect(csv == "Parameter,Section,vLLM,TensorRT,Notes\r\n"
                + "\"a=1,2\",Core Settings,failed,untested,\"vllm: Error: \"\"quoted\"\"\nsecond\tline\"\r\n")
        #expect(DelimitedWriter.csvField("plain") == "plain")
        #expect(DelimitedWriter.csvField("a\rb") == "\"a\rb\"")
    }

    @Test("TSV turns tabs and newlines inside fields into spaces")
    func tsv() {
        let tsv = MatrixExporter.export(Self.sample, as: .tsv)
        #expect(tsv == "Parameter\tSection\tvLLM\tTensorRT\tNotes\n"
                + "a=1,2\tCore Settings\tfailed\tuntested\tvllm: Error: \"quoted\" second line\n")
    }

    @Test("JSON follows the documented schema and parses back")
    func json() throws {
        let features = try #require(try SupportedModelsPage.parse(try ImportFixtures.seed003, path: "s.txt")
            .first { $0.name == "features" })
        let text = MatrixExporter.export(features, as: .json)
        let value = try JSONValue.parse(Array(text.utf8))
        #expect(value["matrix"] == .string("features"))
        #expect(value["kind"] == .string("features"))
        guard case let .array(rows)? = value["rows"], case let .array(columns)? = value["columns"],
              case let .array(footnotes)? = value["footnotes"] else {
            Issue.record("rows, columns and footnotes must be arrays")
            return
        }
        #expect(rows.count == 5)
        #expect(columns.first?["key"] == .string("overlap-scheduler"))
        let cell = rows.first?["cells"]?["chunked-prefill"]
        #expect(cell?["status"] == .string("passed"))
        #expect(cell?["literal"] == .string("Yes [^1]"))
        #expect(cell?["footnotes"] == .array([.string("1")]))
        #expect(footnotes.first?["citedBy"] == .array([.object(["row": .string("DeepseekV3ForCausalLM"),
                                                                  "column": .string("chunked-prefill")])]))
        #expect(value["source"] == .null)
        let keys = text.split(separator: "\n").prefix(12).filter { $0.hasPrefix("  \"") }.map { String($0) }
        #expect(keys == keys.sorted())
    }

    @Test("feature tables export as padded Markdown that reads back as the same matrix")
    func featureRoundTrip() throws {
        for matrix in try SupportedModelsPage.parse(try ImportFixtures.seed003, path: "s.txt") {
            let text = MatrixExporter.export(matrix, as: .markdown)
            let back = try SupportedModelsPage.parse(text, path: "export.md")
            #expect(back == [matrix], "round trip of \(matrix.name)")
        }
        let models = try #require(try SupportedModelsPage.parse(try ImportFixtures.seed003, path: "s.txt").first)
        let lines = MatrixExporter.export(models, as: .markdown).split(separator: "\n")
        #expect(lines[0] == "# Supported Models")
        #expect(lines[1].hasPrefix("| Architecture "))
        #expect(lines.dropFirst().prefix(22).allSatisfy { $0.count == lines[1].count })
    }

    @Test("the JSON export reads back into the same matrix, less what the schema leaves out")
    func jsonRoundTrip() throws {
        var params = try ImportFixtures.params()
        params.source = SourceDocument(path: "data/sources/parameter-matrix.md", format: .parameterMarkdown, sha256: "ab")
        let back = try MatrixJSON.decode(try JSONValue.parse(Array(MatrixExporter.export(params, as: .json).utf8)),
                                         path: "params.json")
        var expected = params
        expected.preamble = nil
        expected.appendix = nil
        #expect(back == expected)
        #expect(back.row("vllm.block_size=8")?.cells["vllm"]?.note == "Error: No common block size for 8. ")

        let features = try #require(try SupportedModelsPage.parse(try ImportFixtures.seed003, path: "s.txt")
            .first { $0.name == "features" })
        let featuresBack = try MatrixJSON.decode(
            try JSONValue.parse(Array(MatrixExporter.export(features, as: .json).utf8)), path: "features.json")
        #expect(featuresBack == features)
    }

    @Test("a JSON export with a bad field names it")
    func jsonBadField() throws {
        let value = try JSONValue.parse(Array(#"{"matrix": "m", "title": "t", "kind": "tables", "columns": [], "attributes": [], "rows": [], "footnotes": []}"#.utf8))
        #expect(throws: ImportError(file: "m.json", field: "kind", message: "unknown kind \"tables\"")) {
            try MatrixJSON.decode(value, path: "m.json")
        }
    }

    @Test("CSV of a models matrix carries the attribute literals")
    func modelsCSV() throws {
        let models = try #require(try SupportedModelsPage.parse(try ImportFixtures.seed003, path: "s.txt").first)
        let lines = MatrixExporter.export(models, as: .csv).components(separatedBy: "\r\n")
        #expect(lines[0] == "Architecture,Section,Model,HuggingFace Example,Notes")
        #expect(lines.contains("LlamaForCausalLM,,\"Llama 3.1, Llama 3, Llama 2, LLaMA\",`meta-llama/Meta-Llama-3.1-70B`,"))
        #expect(lines.count == models.rows.count + 2)
    }
}

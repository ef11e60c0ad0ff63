import Testing
@testable import MatrixCore

@Suite("Recognising documents")
struct ImportDocumentTests {
    @Test("SHA-256 matches the known vectors")
    func sha256() {
        #expect(SourceDigest.sha256([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SourceDigest.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SourceDigest.sha256(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SourceDigest.sha256([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("each format is recognised and the source carries the hash")
    func formats() throws {
        let seed000 = Array(try ImportFixtures.seed000.utf8)
        let (params, source) = try DocumentImporter.read(seed000, path: "parameter-matrix.md")
        #expect(source.format == .parameterMarkdown)
        #expect(source.sha256 == SourceDigest.sha256(seed000))
        guard case let .matrices(matrices) = params else { Issue.record("expected matrices"); return }
        #expect(matrices.map(\.name) == ["params"])
        #expect(matrices.first?.source == source)

        let (page, pageSource) = try DocumentImporter.read(Array(try ImportFixtures.seed003.utf8), path: "models.txt")
        #expect(pageSource.format == .supportedModelsPage)
        if case let .matrices(list) = page { #expect(list.count == 3) } else { Issue.record("expected matrices") }

        let (results, resultsSource) = try DocumentImporter.read(try ImportFixtures.fixture("test_results_vllm.json"),
                                                                 path: "test_results_vllm.json")
        #expect(resultsSource.format == .testResultsJSON)
        if case let .testResults(value) = results { #expect(value.backend == "vllm") } else { Issue.record("expected results") }
    }

    @Test("an empty file is refused")
    func empty() {
        #expect(throws: ImportError(file: "e.md", message: "file is empty")) { try DocumentImporter.read([], path: "e.md") }
    }

    @Test("a binary file is refused")
    func binary() {
        let expected = ImportError(file: "b.bin", message: "binary file, not a matrix document")
        #expect(throws: expected) { try DocumentImporter.read([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01], path: "b.bin") }
        #expect(throws: ImportError(file: "c.md", message: "binary file, not a matrix document")) {
            try DocumentImporter.read([0x7C, 0xFF, 0xFE, 0x41], path: "c.md")
        }
    }

    @Test("an unknown format names the accepted ones")
    func unknown() {
        let error = #expect(throws: ImportError.self) { try DocumentImporter.read(Array("hello world\n".utf8), path: "h.txt") }
        #expect(error?.message.hasPrefix("unrecognised format") == true)
        #expect(error?.message.contains("test_results_<backend>.json") == true)
    }

    @Test("a JSON file of the wrong shape is refused through the importer")
    func wrongShape() {
        #expect(throws: ImportError(file: "x.json", message: "expected an object with a \"results\" array")) {
            try DocumentImporter.read(Array(#"{"rows": []}"#.utf8), path: "x.json")
        }
    }
}

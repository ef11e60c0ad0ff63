import Foundation
import Testing
@testable import MatrixCore

@Suite("Parameter catalogue (data/catalogue.json)")
struct CatalogueTests {
    static var file: [UInt8] {
        get throws { Array(try Data(contentsOf: ImportFixtures.repository.appendingPathComponent("data/catalogue.json"))) }
    }

    @Test("the catalogue compiled into MatrixCore is the repository's data/catalogue.json")
    func compiledIsTheFile() throws {
        #expect(PackageResources.catalogue_json == (try Self.file))
        #expect(Catalogue.bundled == (try Catalogue(json: try Self.file)))
        #expect(Catalogue.bundled.backends.map(\.key) == ["pytorch", "vllm", "tensorrt"])
        #expect(Catalogue.bundled.backend("tensorrt")?.name == "TensorRT-LLM")
    }

    @Test("every row of the bundled params matrix (seed 000) has a catalogue entry")
    func everyRowHasAnEntry() throws {
        let params = try ImportFixtures.params()
        #expect(params.rows.count == 110)
        let missing = params.rows.map { $0.key.split(separator: "=", maxSplits: 1)[0] }
            .filter { Catalogue.bundled.parameter(String($0)) == nil }
        #expect(missing.isEmpty)
    }

    @Test("a row's section is its catalogue family's, as seed 000 prints it")
    func sections() throws {
        for row in try ImportFixtures.params().rows {
            #expect(ParameterSection.section(for: row.key) == row.section, "\(row.key)")
        }
        #expect(ParameterSection.section(for: "vllm.not_in_the_catalogue=1") == "vLLM-specific")
        #expect(ParameterSection.section(for: "my_batching_knob") == "Batching")
    }

    @Test("the matrices of the supported-models page have the catalogue's names and kinds")
    func matrixKinds() throws {
        let matrices = try SupportedModelsPage.parse(try ImportFixtures.seed003, path: "trtllm-supported-models.txt")
        #expect(matrices.count == 3)
        for matrix in matrices {
            let entry = try #require(Catalogue.bundled.matrices.first { $0.name == matrix.name })
            #expect(entry.kind == matrix.kind)
        }
        #expect(try ImportFixtures.params().kind == Catalogue.bundled.matrices.first { $0.name == "params" }?.kind)
    }

    @Test("a malformed catalogue is an import error naming the file")
    func malformed() {
        #expect(throws: ImportError.self) { try Catalogue(json: Array(#"{"backends": 3}"#.utf8)) }
    }
}

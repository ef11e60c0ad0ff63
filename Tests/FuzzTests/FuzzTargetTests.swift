import Foundation
import LiveTest
import MatrixCore
import Testing

/// Fuzzers: every importer (each format, and the auto-detecting entry), the query parser and the
/// harness event reader get mutated seed inputs and must answer each one with a value or their
/// typed error, never a trap. In CI each target runs `FuzzTargetTests.count` inputs (2,000) from fixed
/// seeds; `scripts/fuzz` runs 10^6 per target (INFERMATRIX_FUZZ_COUNT, INFERMATRIX_FUZZ_SEED) and
/// prints the figures. A crash kills the test process: the seed and index printed before each
/// block say where to start again.
@Suite("fuzzers: importers, query parser, harness events")
struct FuzzTargetTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = Int(environment["INFERMATRIX_FUZZ_COUNT"] ?? "") ?? 2_000
    static let seed = UInt64(environment["INFERMATRIX_FUZZ_SEED"] ?? "") ?? 14
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func file(_ path: String) -> [UInt8] {
        (try? Array(Data(contentsOf: repository.appendingPathComponent(path)))) ?? []
    }

    static let markdown = [file("data/sources/parameter-matrix.md")]
    static let page = [file("data/sources/trtllm-supported-models.txt"), file("Tests/MatrixCoreTests/Fixtures/supported-models.md")]
    static let results = [file("Tests/MatrixCoreTests/Fixtures/test_results_vllm.json")]
    static let runs = [file("Tests/MatrixCoreTests/Fixtures/sample.runs.json")]
    static let queries = ["backend:vllm status:failed", "matrix:features feature:\"KV Cache Reuse\" status:failed",
                          "-section:decoder (num_beams | best_of)", "model:qwen* changed:1d", "status:!passed section:\"Core Settings\"",
                          "fp_precision=float16", ""].map { Array($0.utf8) }
    static let events = [
        #"{"event":"hello","protocol":1,"harness":"0.1","backend":"pytorch","versions":{"torch":"2.13.0","vllm":null},"device":"cpu","cuda":null}"#,
        #"{"event":"phase","t":0.1,"name":"load"}"#, #"{"event":"token","seq":0,"text":"Hello"}"#,
        #"{"event":"metric","name":"tokens_per_s","value":41.7,"unit":"tok/s"}"#,
        #"{"event":"check","name":"beam differs","passed":true,"evidence":"\u00e9 \ud83d\ude00","kind":"effect"}"#,
        #"{"event":"result","status":"passed","reason":"1 check passed","elapsed":1.5,"parameters":{"num_beams":4},"model":"tiny"}"#,
        #"{"event":"error","message":"boom","traceback":"Traceback\n  line"}"#, #"{"event":"log","stream":"stderr","text":"x"}"#,
    ].map { Array($0.utf8) }

    /// Runs `body` on `count` mutated inputs; returns how many it accepted (the rest threw).
    static func fuzz(_ name: String, corpus: [[UInt8]], _ body: ([UInt8]) -> Bool) -> Int {
        var mutator = Mutator(seed: seed &+ UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF), corpus: corpus)
        var accepted = 0
        for index in 0..<count {
            if count > 10_000, index % 100_000 == 0 {
                FileHandle.standardError.write(Data("fuzz \(name): seed \(seed), input \(index)\n".utf8))
            }
            if body(mutator.next()) { accepted += 1 }
        }
        FileHandle.standardError.write(Data("fuzz \(name): \(count) inputs, \(accepted) accepted, \(count - accepted) refused, 0 crashes\n".utf8))
        return accepted
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("the corpus files are there")
    func corpus() {
        for seedFile in Self.markdown + Self.page + Self.results + Self.runs { #expect(seedFile.count > 100) }
    }

    @Test("parameter matrix Markdown")
    func parameterMarkdown() {
        let accepted = Self.fuzz("markdown", corpus: Self.markdown) { (try? ParameterMatrixMarkdown.parse(Self.text($0), path: "m.md")) != nil }
        #expect(accepted > 0 && accepted < Self.count)
    }

    @Test("supported-models page (Markdown and flattened text)")
    func supportedModels() {
        let accepted = Self.fuzz("page", corpus: Self.page) { (try? SupportedModelsPage.parse(Self.text($0), path: "p.txt")) != nil }
        #expect(accepted > 0)
    }

    @Test("test results JSON")
    func testResults() {
        let accepted = Self.fuzz("results", corpus: Self.results) { (try? TestResultsJSON.parse($0, path: "test_results_vllm.json")) != nil }
        #expect(accepted > 0 && accepted < Self.count)
    }

    @Test("runs files")
    func runsFiles() {
        let accepted = Self.fuzz("runs", corpus: Self.runs) { (try? RunsFile.decode($0, path: "x.runs.json")) != nil }
        #expect(accepted > 0 && accepted < Self.count)
    }

    @Test("the auto-detecting importer on every format")
    func anyDocument() {
        let corpus = Self.markdown + Self.page + Self.results + Self.runs
        let accepted = Self.fuzz("document", corpus: corpus) { (try? DocumentImporter.read($0, path: "document")) != nil }
        #expect(accepted > 0 && accepted < Self.count)
    }

    @Test("query parser")
    func queries() {
        let accepted = Self.fuzz("query", corpus: Self.queries) { (try? Query.parse(Self.text($0))) != nil }
        #expect(accepted > 0 && accepted < Self.count)
    }

    @Test("harness event reader")
    func harnessEvents() {
        var logs = 0
        _ = Self.fuzz("events", corpus: Self.events) { bytes in
            if case .log = HarnessEvent(line: Self.text(bytes)) { logs += 1; return false }
            return true
        }
        #expect(logs > 0 && logs < Self.count)
    }
}

import Foundation
import MatrixCore

/// One thing the fuzzers attack: every importer (each format, and the auto-detecting entry), the
/// query parser and the harness event reader. Each answers a mutated input with a value or its
/// typed error, never a trap; `accepts` says which (true: a value). The CI suite (`FuzzTests`, fixed
/// seeds) and the long run (`matrix-fuzz`, `scripts/fuzz`) both take their targets from `all`.
///
/// ```swift
/// let targets = try FuzzTarget.all()
/// var fuzzer = Fuzzer(targets[0], seed: 14)
/// fuzzer.run(2_000)   // fuzzer.accepted + fuzzer.refused == 2_000
/// ```
public struct FuzzTarget: Sendable {
    /// Short name, used on the command line and in every figure (`markdown`, `query`, …).
    public let name: String
    /// The seed inputs the mutator starts from.
    public let corpus: [[UInt8]]
    /// Runs the target on one input: true if it produced a value, false if it refused the input.
    public let accepts: @Sendable ([UInt8]) -> Bool

    public init(_ name: String, corpus: [[UInt8]], accepts: @escaping @Sendable ([UInt8]) -> Bool) {
        self.name = name
        self.corpus = corpus
        self.accepts = accepts
    }

    /// A corpus file that could not be read (the targets need the repository's sources and fixtures).
    public struct MissingCorpus: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "fuzz corpus file \(path) cannot be read (run from the repository root)" }
    }

    /// The repository this file was compiled from: its corpus files are read from there.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every target, in the order the figures are printed. Throws `MissingCorpus` naming a seed
    /// file that is absent or empty.
    public static func all(repository: URL = repository) throws -> [FuzzTarget] {
        func file(_ path: String) throws -> [UInt8] {
            guard let data = try? Data(contentsOf: repository.appendingPathComponent(path)), !data.isEmpty else {
                throw MissingCorpus(path: repository.appendingPathComponent(path).path)
            }
            return Array(data)
        }
        let markdown = [try file("data/sources/parameter-matrix.md")]
        let page = [try file("data/sources/trtllm-supported-models.txt"), try file("Tests/MatrixCoreTests/Fixtures/supported-models.md")]
        let results = [try file("Tests/MatrixCoreTests/Fixtures/test_results_vllm.json")]
        let runs = [try file("Tests/MatrixCoreTests/Fixtures/sample.runs.json")]
        return [
            FuzzTarget("markdown", corpus: markdown) { (try? ParameterMatrixMarkdown.parse(text($0), path: "m.md")) != nil },
            FuzzTarget("page", corpus: page) { (try? SupportedModelsPage.parse(text($0), path: "p.txt")) != nil },
            FuzzTarget("results", corpus: results) { (try? TestResultsJSON.parse($0, path: "test_results_vllm.json")) != nil },
            FuzzTarget("runs", corpus: runs) { (try? RunsFile.decode($0, path: "x.runs.json")) != nil },
            FuzzTarget("document", corpus: markdown + page + results + runs) { (try? DocumentImporter.read($0, path: "document")) != nil },
            FuzzTarget("query", corpus: queries) { (try? Query.parse(text($0))) != nil },
            // The reader turns any line it cannot read into a `log` event: that is its refusal.
            FuzzTarget("events", corpus: events) { if case .log = HarnessEvent(line: text($0)) { false } else { true } },
        ]
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

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
}

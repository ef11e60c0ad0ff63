import FuzzTargets
import Testing

/// The fuzz targets (`FuzzTarget.all`: every importer, the query parser, the harness event reader)
/// on fixed seeds, `count` (2,000) mutated inputs each: each input must be answered with a value or
/// the target's typed error, never a trap. A trap kills the test process; rerun the same stream
/// with `.build/release/matrix-fuzz --target NAME --seed 14 --count 2000`, which writes the
/// crashing input to a file. `scripts/fuzz` is the long run (10^6 per target).
@Suite("fuzzers: importers, query parser, harness events")
struct FuzzTargetTests {
    static let count = 2_000
    static let seed: UInt64 = 14
    /// Every target, as `FuzzTarget.all` lists them.
    static let names = [
        "markdown",   // parameter-matrix Markdown
        "page",       // supported-models page (Markdown and flattened text)
        "results",    // test-results JSON
        "runs",       // runs files
        "document",   // the auto-detecting importer on every format
        "query",      // the query parser
        "events",     // the harness event reader (a line it cannot read becomes a log event: its refusal)
    ]

    /// Runs the named target for `count` inputs and returns its fuzzer (figures on stdout).
    static func fuzz(_ name: String) throws -> Fuzzer {
        let target = try #require(try FuzzTarget.all().first { $0.name == name })
        var fuzzer = Fuzzer(target, seed: seed)
        fuzzer.run(count)
        print(fuzzer.figures)
        return fuzzer
    }

    @Test("the corpus files are there, and every target has a test here")
    func corpus() throws {
        let targets = try FuzzTarget.all()
        #expect(targets.map(\.name) == Self.names)
        for target in targets { #expect(!target.corpus.isEmpty, "\(target.name)") }   // all() throws on a missing file
    }

    @Test("the same seed gives the same inputs, another seed others (a CI failure reproduces)")
    func deterministic() throws {
        let corpus = try #require(try FuzzTarget.all().first).corpus
        func inputs(_ seed: UInt64) -> [[UInt8]] {
            var mutator = Mutator(seed: seed, corpus: corpus)
            return (0..<200).map { _ in mutator.next() }
        }
        #expect(inputs(7) == inputs(7))
        #expect(inputs(7) != inputs(8))
    }

    /// Each target both accepts some mutated inputs and refuses others: a target that refused
    /// everything would fuzz only its first check, one that accepted everything would check nothing.
    @Test("every target answers 2,000 mutated inputs without a trap", arguments: names)
    func target(_ name: String) throws {
        let fuzzer = try Self.fuzz(name)
        #expect(fuzzer.done == Self.count)
        #expect(fuzzer.accepted > 0 && fuzzer.refused > 0, "\(fuzzer.figures)")
    }
}

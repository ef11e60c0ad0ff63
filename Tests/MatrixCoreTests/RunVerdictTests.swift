import Foundation
import Testing
@testable import MatrixCore

/// The engine's verdict rule against every case of `data/verdict-cases.json`, the file
/// harness/tests/test_verdict_cases.py reads too: one list of cases, two implementations.
@Suite("RunVerdict: the engine decides")
struct RunVerdictTests {
    struct Case: Decodable {
        struct Said: Decodable { var status: LiveRunStatus; var reason: String }
        var name: String
        var checks: [LiveRunCheck]
        var results: [Said]
        var malformed_checks: Int?
        var exit: Int32?
        var verdict: LiveRunStatus?
        var reason: String?
    }

    static let cases: [Case] = {
        let url = ImportFixtures.repository.appendingPathComponent("data/verdict-cases.json")
        struct File: Decodable { var cases: [Case] }
        do { return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases } catch {
            Issue.record("data/verdict-cases.json: \(error)")
            return []
        }
    }()

    @Test("the cases file is there and covers every verdict")
    func coverage() {
        #expect(Self.cases.count >= 20)
        #expect(Set(Self.cases.compactMap(\.verdict)) == Set(LiveRunStatus.allCases))
        #expect(Self.cases.contains { $0.verdict == nil })
    }

    @Test("every case of data/verdict-cases.json", arguments: cases.map(\.name))
    func matches(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let verdict = RunVerdict.decide(results: c.results.map { RunVerdict(status: $0.status, reason: $0.reason) },
                                        checks: c.checks, malformedChecks: c.malformed_checks ?? 0, exitStatus: c.exit)
        #expect(verdict?.status == c.verdict, "\(name): \(verdict?.reason ?? "no verdict")")
        if let reason = c.reason {
            #expect(verdict?.reason.contains(reason) == true, "\(name): \(verdict?.reason ?? "no verdict")")
        }
    }

    @Test("a recorded run reads under the rule: a pass without an effect check is uncertain, saying why; the rest stands")
    func recorded() {
        let old = LiveRunCheck(name: "greedy reproduces", passed: true, evidence: "identical")
        let effect = LiveRunCheck(name: "beam beats greedy", passed: true, evidence: "-6.1 > -6.7", kind: .effect)
        let evidence = LiveRunCheck(name: "config says 4", passed: true, evidence: "4", kind: .evidence)
        let legacy = RunVerdict.recorded(status: .passed, reason: "1 check passed", checks: [old])
        #expect(legacy == RunVerdict(status: .uncertain, reason: "recorded under the old rule as passed (1 check passed): "
                                     + RunVerdict.noEffect + " (checks without a kind count as evidence)"))
        #expect(RunVerdict.recorded(status: .passed, reason: "ok", checks: [evidence]).reason
                == "recorded as passed (ok): " + RunVerdict.noEffect)
        #expect(RunVerdict.recorded(status: .passed, reason: "ok", checks: []).status == .uncertain)
        #expect(RunVerdict.recorded(status: .passed, reason: "ok", checks: [old, effect]) == RunVerdict(status: .passed, reason: "ok"))
        for status in [LiveRunStatus.failed, .uncertain, .skipped, .error] {
            #expect(RunVerdict.recorded(status: status, reason: "as written", checks: [old]) == RunVerdict(status: status, reason: "as written"))
        }
        // Read twice, it reads the same (a runs file exported after an import).
        #expect(RunVerdict.recorded(status: legacy.status, reason: legacy.reason, checks: [old]) == legacy)
    }
}

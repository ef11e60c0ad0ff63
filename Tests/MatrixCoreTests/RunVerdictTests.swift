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
}

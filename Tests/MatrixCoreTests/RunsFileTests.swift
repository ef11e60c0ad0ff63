import Foundation
import Testing
@testable import MatrixCore

/// The runs file (`infermatrix-runs` v1): read, written back byte for byte, and refused with the
/// file and the field path when wrong.
@Suite("Runs files")
struct RunsFileTests {
    static func fixtureText() throws -> String {
        String(decoding: try ImportFixtures.fixture("sample.runs.json"), as: UTF8.self)
    }

    /// The fixture with one substitution, for the error cases.
    static func broken(_ old: String, _ new: String) throws -> [UInt8] {
        let text = try fixtureText()
        #expect(text.contains(old), "fixture lacks \(old)")
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    @Test("the fixture reads whole: request, environment, times, checks, energy, log")
    func reads() throws {
        let file = try RunsFile.decode(try ImportFixtures.fixture("sample.runs.json"), path: "sample.runs.json")
        #expect(file.runs.count == 5)
        let first = file.runs[0]
        #expect(first.request == TestRunRequest(matrix: "params", row: "decoder.beam_search.num_beams=4", backend: "pytorch", device: "cuda"))
        #expect(first.environment.gpuName == "NVIDIA H100 80GB HBM3")
        #expect(first.environment.versions["torch"] == "2.11.0+cu130")
        #expect(first.startedAt == Date(timeIntervalSince1970: 1_772_442_000))
        #expect(abs(first.duration - 14.6) < 0.0005)
        #expect(first.checks == [LiveRunCheck(name: "beams1_equals_greedy", passed: true, evidence: "identical 32 tokens", kind: .effect)])
        #expect(first.energy == LiveRunEnergy(joules: 1156, tokensPerJoule: 0.0277))
        #expect(first.parameters == ["num_beams": .number(4)])
        #expect(first.metric("tokens_per_s") == 41.5)
        #expect(file.runs[2].energy?.tokensPerJoule == nil)
        #expect(file.runs.map(\.status) == [.passed, .failed, .passed, .failed, .error])
        #expect(file.runs.allSatisfy { $0.id == nil })
    }

    @Test("writing what was read gives the file back byte for byte")
    func roundTrip() throws {
        let text = try Self.fixtureText()
        let file = try RunsFile.decode(Array(text.utf8), path: "sample.runs.json")
        #expect(file.encoded() == text)
        #expect(try RunsFile.decode(Array(file.encoded().utf8), path: "again") == file)
    }

    @Test("every runs file in data/runs reads and writes back byte for byte")
    func committedRunsFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent("data/runs").path
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".runs.json") }
        #expect(!files.isEmpty)
        for name in files {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            #expect(try RunsFile.decode(Array(text.utf8), path: name).encoded() == text, "\(name)")
        }
    }

    @Test("a recorded run's object is the runs-file object with its id")
    func recordedObject() throws {
        var run = try RunsFile.decode(Array(try Self.fixtureText().utf8), path: "sample.runs.json").runs[0]
        guard case .object(var members) = RunsFile.encodeRecorded(run) else { Issue.record("not an object"); return }
        #expect(members.removeValue(forKey: "id") == .null)
        #expect(JSONValue.object(members) == RunsFile.encode(run))
        run.id = 12
        #expect(RunsFile.encodeRecorded(run)["id"] == .number("12"))
    }

    @Test("a check's kind is kept through a write and a read; a check without one stays without (legacy)")
    func checkKinds() throws {
        let text = try Self.fixtureText()
        let file = try RunsFile.decode(Array(text.utf8), path: "kinds.runs.json")
        #expect(file.runs[0].checks[0].kind == .effect)
        #expect(file.runs[1].checks[0].kind == nil)
        #expect(file.encoded() == text)
    }

    @Test("a run's Ray node and GPU ids are written and read back; local runs write neither key")
    func placement() throws {
        var file = try RunsFile.decode(Array(try Self.fixtureText().utf8), path: "sample.runs.json")
        #expect(!file.encoded().contains("\"node\""))
        file.runs[0].environment.node = "10.0.0.7 18b31c62"
        file.runs[0].environment.gpuIndex = "1"
        let again = try RunsFile.decode(Array(file.encoded().utf8), path: "again")
        #expect(again.runs[0].environment.node == "10.0.0.7 18b31c62")
        #expect(again.runs[0].environment.gpuIndex == "1")
        #expect(again.runs[1].environment.node == nil)
    }

    @Test("energy above idle: idle power × duration comes off the board's joules, and round-trips")
    func energyAboveIdle() throws {
        let energy = LiveRunEnergy(joules: 812.5, seconds: 10, idleWatts: 72, tokens: 256)
        #expect(energy.aboveIdleJoules == 92.5)
        #expect(energy.tokensPerJoule == 256 / 812.5)
        #expect(energy.tokensPerJouleAboveIdle == 256 / 92.5)
        #expect(energy.aboveIdleSummary == "92.5 J above idle (idle 72.0 W) · 2.77 tokens/J above idle")
        #expect(LiveRunEnergy(joules: 50, seconds: 10, idleWatts: 72, tokens: nil).aboveIdleJoules == 0)  // never below zero
        #expect(LiveRunEnergy(joules: 50, seconds: 10, idleWatts: nil, tokens: 5).aboveIdleSummary == nil)
        var file = try RunsFile.decode(Array(Self.fixtureText().utf8), path: "sample.runs.json")
        file.runs[0].energy = energy
        let text = file.encoded()
        #expect(text.contains("\"idleWatts\": 72"))
        #expect(try RunsFile.decode(Array(text.utf8), path: "again").runs[0].energy == energy)
    }

    @Test("errors name the file and the field path", arguments: [
        ("\"kind\": \"effect\"", "\"kind\": \"vibes\"",
         "sample.runs.json: runs[0].checks[0].kind: unknown check kind \"vibes\" (expected effect, evidence)"),
        ("\"version\": 1", "\"version\": 2", "sample.runs.json: version: unsupported version 2 (this InferMatrix reads version 1)"),
        ("\"format\": \"infermatrix-runs\"", "\"format\": \"infermatrix-runs\", \"x\": [}",
         "sample.runs.json: not JSON:"),
        ("\"status\": \"error\"", "\"status\": \"maybe\"",
         "sample.runs.json: runs[4].status: unknown status \"maybe\" (expected passed, failed, uncertain, skipped, error)"),
        ("\"row\": \"vllm.block_size=8\"", "\"rows\": \"vllm.block_size=8\"",
         "sample.runs.json: runs[1].request.row: missing (expected a string)"),
        ("\"startedAt\": \"2026-03-02T12:00:00.000Z\"", "\"startedAt\": \"2026-03-02 12:00\"",
         "sample.runs.json: runs[3].startedAt: \"2026-03-02 12:00\" is not an ISO 8601 time with a zone"),
        ("\"passed\": true", "\"passed\": \"yes\"", "sample.runs.json: runs[0].checks[0].passed: expected true or false"),
        ("\"joules\": 1156", "\"joules\": \"a lot\"", "sample.runs.json: runs[0].energy.joules: expected a number"),
        ("\"host\": \"fixture-gpu-1\"", "\"host\": 7", "sample.runs.json: runs[0].environment.host: expected a string"),
    ])
    func errors(old: String, new: String, message: String) throws {
        let bytes = try Self.broken(old, new)
        do {
            _ = try RunsFile.decode(bytes, path: "sample.runs.json")
            Issue.record("no error for \(new)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test("a wrong format value and an end before the start are refused")
    func wrongFormat() throws {
        #expect(throws: ImportError(file: "x.json", field: "format", message: "expected \"infermatrix-runs\", found \"other\"")) {
            try RunsFile.decode(Array("{\"format\": \"other\", \"version\": 1, \"runs\": []}".utf8), path: "x.json")
        }
        let backwards = try Self.broken("\"endedAt\": \"2026-03-02T09:00:14.600Z\"", "\"endedAt\": \"2026-03-02T08:00:00Z\"")
        #expect(throws: ImportError(file: "f", field: "runs[0].endedAt", message: "is before startedAt")) {
            try RunsFile.decode(backwards, path: "f")
        }
    }

    @Test("the importer recognises a runs file by its format key, whatever its name")
    func detection() throws {
        let bytes = try ImportFixtures.fixture("sample.runs.json")
        for name in ["h100.runs.json", "lab-results.json", "runs.txt"] {
            let (document, source) = try DocumentImporter.read(bytes, path: name)
            guard case .liveRuns(let file) = document else { Issue.record("\(name) not read as runs"); continue }
            #expect(file.runs.count == 5)
            #expect(source.format == .liveRuns)
        }
        // A .runs.json name without the key gets the runs file's error, not the results reader's.
        #expect(throws: ImportError(file: "a.runs.json", field: "format", message: "missing (expected a string)")) {
            try DocumentImporter.read(Array("{\"runs\": []}".utf8), path: "a.runs.json")
        }
    }

    @Test("times: UTC milliseconds out, any ISO 8601 zone in, no zone refused")
    func timestamps() {
        let date = Date(timeIntervalSince1970: 1_772_460_311.25)
        #expect(RunTimestamp.format(date) == "2026-03-02T14:05:11.250Z")
        #expect(RunTimestamp.display(date) == "2026-03-02 14:05:11 UTC")
        #expect(RunTimestamp.parse("2026-03-02T14:05:11.250Z") == date)
        #expect(RunTimestamp.parse("2026-03-02T15:05:11.25+01:00") == date)
        #expect(RunTimestamp.parse("2026-03-02T14:05:11") == nil)
        #expect(RunTimestamp.parse("2026-13-02T14:05:11Z") == nil)
        #expect(RunTimestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(RunTimestamp.parse("2000-02-29T00:00:00Z") == Date(timeIntervalSince1970: 951_782_400))
    }
}

import Foundation
import MatrixCore
import Testing

/// Issue 10: every live verdict an export writes names its environment, and `--env` chooses whose
/// verdicts they are, in each format, on the bundled database (PyTorch params runs of two
/// environments: H100 and this project's CPU machine).
@Suite("exports across environments (issue 10)")
struct ExportEnvironmentTests {
    static let h100 = ("h100-torch-2.11", "h100·torch 2.11"), cpu = ("cpu-torch-2.13", "cpu·torch 2.13")

    /// A copy of the bundled database in the test's directory (opening a database may migrate it).
    func database(_ cli: CLI) throws -> String {
        let path = cli.directory + "/matrix.sqlite"
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.copyItem(atPath: CLI.packageRoot + "/data/matrix.sqlite", toPath: path)
        }
        return path
    }

    func export(_ cli: CLI, _ arguments: [String], to name: String) throws -> String {
        let path = cli.directory + "/" + name
        let result = try cli.run(["export", "--db", try database(cli), "backend:pytorch"] + arguments + ["-o", path])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test("csv, tsv, json and md: --env NAME writes that environment's verdicts, each naming it, and no other's",
          arguments: ["csv", "tsv", "json", "md"])
    func oneEnvironment(format: String) throws {
        let cli = try CLI()
        for (chosen, other) in [(Self.h100, Self.cpu), (Self.cpu, Self.h100)] {
            let text = try export(cli, ["--env", chosen.0], to: "\(chosen.0).\(format)")
            #expect(text.contains(chosen.1), "\(format) --env \(chosen.0) names no verdict of it")
            #expect(!text.contains(other.1), "\(format) --env \(chosen.0) wrote a verdict of \(other.1)")
        }
        if format == "json" {
            let text = try export(cli, ["--env", Self.cpu.0], to: "named.json")
            let document = try JSONValue.parse(Array(text.utf8))
            guard case .array(let rows)? = document["rows"] else { Issue.record("no rows"); return }
            var live = 0
            for row in rows {
                guard case .object(let cells)? = row["cells"] else { continue }
                for cell in cells.values where cell["live"] != nil {
                    live += 1
                    #expect(cell["live"]?["environment"] == .string(Self.cpu.1), "\(cell)")
                }
            }
            #expect(live > 0)
        }
        // Two environments side by side are a table, not one export: a clear error, nothing written.
        let path = cli.directory + "/both.\(format)"
        let both = try cli.run(["export", "--db", try database(cli), "backend:pytorch", "--env", Self.h100.0, "--env", Self.cpu.0, "-o", path])
        #expect(both.status != 0 && both.stderr.contains("name one with --env"), "\(both.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("runs: --env (repeatable) writes exactly the runs of the environments named")
    func runs() throws {
        let cli = try CLI()
        func environments(_ arguments: [String]) throws -> [String: Int] {
            let text = try export(cli, ["--runs"] + arguments, to: "selected.runs.json")
            let file = try RunsFile.decode(Array(text.utf8), path: "selected.runs.json")
            return Dictionary(file.runs.map { (Environment(run: $0).name, 1) }, uniquingKeysWith: +)
        }
        let h100 = try environments(["--env", Self.h100.0])
        #expect(Array(h100.keys) == [Self.h100.1])
        let cpu = try environments(["--env", Self.cpu.0])
        #expect(Array(cpu.keys) == [Self.cpu.1])
        let both = try environments(["--env", Self.h100.0, "--env", Self.cpu.0])
        #expect(both == h100.merging(cpu, uniquingKeysWith: +))
    }
}

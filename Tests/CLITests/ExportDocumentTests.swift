import Foundation
import Testing

/// `--document` on `list` and `export`: the imported document alone, without the live runs'
/// verdicts and notes that the bundled database carries.
@Suite("--document: the imported document only")
struct ExportDocumentTests {
    /// A scratch copy of the bundled database (opening the shipped file would change it).
    func bundledCopy(_ cli: CLI) throws -> String {
        let copy = cli.directory + "/bundled.sqlite"
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/data/matrix.sqlite", toPath: copy)
        return copy
    }

    func withoutLastUpdated(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("Last updated") }
    }

    @Test("params exported as Markdown with --document is seed 000 byte for byte but its Last updated line")
    func seed000() throws {
        let cli = try CLI()
        let db = try bundledCopy(cli)
        let result = try cli.run(["export", "--db", db, "", "--matrix", "params", "--document", "-o", "params.md"])
        #expect(result.status == 0, "\(result.stderr)")
        let exported = try String(contentsOfFile: cli.directory + "/params.md", encoding: .utf8)
        let seed = try String(contentsOfFile: CLI.sources + "/parameter-matrix.md", encoding: .utf8)
        #expect(withoutLastUpdated(exported) == withoutLastUpdated(seed))
        #expect(exported.utf8.count - seed.utf8.count < 40)   // the stamp's length may differ, nothing else
        // Without --document the live notes are there: the flag is what removed them.
        let live = try cli.run(["export", "--db", db, "", "--matrix", "params", "-o", "live.md"])
        #expect(live.status == 0)
        #expect(try String(contentsOfFile: cli.directory + "/live.md", encoding: .utf8) != exported)
    }

    @Test("list --document shows imported statuses without live marks")
    func listDocument() throws {
        let cli = try CLI()
        let db = try bundledCopy(cli)
        let live = try cli.run(["list", "--db", db, "--matrix", "params"])
        let document = try cli.run(["list", "--db", db, "--matrix", "params", "--document"])
        #expect(live.stdout.contains("L live result"))
        #expect(document.status == 0 && !document.stdout.contains("L live result") && !document.stdout.contains("✅L"))
        let csv = try cli.run(["list", "--db", db, "--matrix", "params", "--document", "--format", "csv"])
        #expect(!csv.stdout.contains("live"), "\(csv.stdout.prefix(200))")
    }
}

import Foundation
import Testing

/// D9: an imported document cannot drive the user's terminal: escape sequences in row names and
/// notes never reach `list`'s table or `show`'s text (JSON escapes them; CSV to a file keeps data).
@Suite("escape sequences from imported documents (D9)")
struct TerminalSafetyTests {
    @Test("list and show print names and notes without ESC, BEL or C1 controls")
    func listAndShow() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let hostile = "\u{1B}]52;c;aGVsbG8=\u{07}\u{1B}[2J\u{9B}31m"
        let seed = try String(contentsOfFile: CLI.sources + "/parameter-matrix.md", encoding: .utf8)
        let edited = seed.replacingOccurrences(of: "| `fp_precision=float16` | ➖ | ✅ | ✅ |  |",
                                               with: "| `fp_precision=float16` | ➖ | ✅ | ✅ | vllm: boom\(hostile) end |")
            .replacingOccurrences(of: "| `fp_precision=float32` |", with: "| `fp_precision=float32\(hostile)` |")
        #expect(edited != seed)
        let file = try cli.write(edited, to: "parameter-matrix.md")
        let imported = try cli.run(["import", "--db", db, file])
        #expect(imported.status == 0, "\(imported.stderr)")
        func controls(_ text: String) -> Int {
            text.unicodeScalars.filter { $0.value == 0x1B || $0.value == 0x07 || (0x80...0x9F).contains($0.value) }.count
        }
        for args in [["list", "--db", db], ["list", "--db", db, "fp_precision"], ["show", "--db", db, "fp_precision=float16"],
                     ["diff", "--db", db]] {
            let result = try cli.run(args)
            #expect(result.status == 0, "\(args): \(result.stderr)")
            #expect(controls(result.stdout) == 0 && controls(result.stderr) == 0, "\(args) printed control characters")
        }
        // Messages on stderr quote row names too ("did you mean: …").
        let missing = try cli.run(["show", "--db", db, "fp_precision=float32"])
        #expect(missing.status == 1 && missing.stderr.contains("did you mean"), "\(missing.stderr)")
        #expect(controls(missing.stderr) == 0)
        let shown = try cli.run(["show", "--db", db, "fp_precision=float16"]).stdout
        #expect(shown.contains("boom") && shown.contains(" end") && !shown.contains("52;c;"), "\(shown)")
        // Data formats written to a pipe or a file keep the document's bytes.
        let csv = try cli.run(["list", "--db", db, "--format", "csv", "fp_precision=float16"])
        #expect(csv.stdout.contains("\u{1B}]52;c;"))
    }
}

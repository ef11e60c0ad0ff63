import Foundation
import Testing

@Suite("infermatrix import and diff")
struct ImportCommandTests {
    @Test("importing a results file records a regression and a fix that diff lists")
    func regressionAndFix() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let results = try cli.write(vllmResultsJSON, to: "test_results_vllm.json")
        let imported = try cli.run(["import", "--db", db, results])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1 regression, 1 fix"))
        let diff = try cli.run(["diff", "--db", db])
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("Regressions (1):"))
        #expect(diff.stdout.contains("fp_precision=float16 / vllm: ✅ passed → ❌ failed"))
        #expect(diff.stdout.contains("Fixes (1):"))
        #expect(diff.stdout.contains("vllm.block_size=8 / vllm: ❌ failed → ✅ passed"))
        let json = try cli.run(["diff", "--db", db, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(Set(changes.compactMap { $0["direction"] as? String }) == ["regression", "fix"])
        // The whole error text, not the 80-character cut.
        let show = try cli.run(["show", "--db", db, "fp_precision=float16", "--column", "vllm"])
        #expect(show.stdout.contains("longer than eighty characters"))
        #expect(show.stdout.contains("(regression)"))
        // An identical re-import changes nothing.
        let again = try cli.run(["import", "--db", db, results])
        #expect(again.stdout.contains("no changes"))
        #expect(try cli.run(["diff", "--db", db, "--format", "json"]).stdout.contains("\"changes\" : [\n\n  ]"))
    }

    @Test("a bad line in the second file leaves the database unchanged and names file and line")
    func atomicImport() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let good = try cli.write(vllmResultsJSON, to: "test_results_vllm.json")
        var lines = try String(contentsOfFile: CLI.sources + "/parameter-matrix.md", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let bad = try #require(lines.firstIndex { $0.contains("vllm.block_size=8") })
        lines[bad] = "| `vllm.block_size=8` | ➖ | ❌ |"
        let broken = try cli.write(lines.joined(separator: "\n"), to: "broken.md")
        let before = try CLI.dump(db)
        let result = try cli.run(["import", "--db", db, good, broken])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("infermatrix: error: "))
        #expect(result.stderr.contains("broken.md:\(bad + 1)"), "\(result.stderr)")
        #expect(try CLI.dump(db) == before)
    }

    @Test("a wrong-shape JSON file, an empty file and a binary file are refused with exit 1")
    func badFiles() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let before = try CLI.dump(db)
        let wrong = try cli.write("{\"results\": [{\"status\": 5}]}", to: "test_results_vllm.json")
        let empty = try cli.write("", to: "empty.md")
        let binary = cli.directory + "/blob.md"
        try Data([0, 1, 2, 0xFF, 0xFE, 0, 7]).write(to: URL(fileURLWithPath: binary))
        for file in [wrong, empty, binary, cli.directory + "/missing.md"] {
            let result = try cli.run(["import", "--db", db, file])
            #expect(result.status == 1, "\(file)")
            #expect(result.stderr.contains((file as NSString).lastPathComponent), "\(result.stderr)")
        }
        #expect(try CLI.dump(db) == before)
    }

    @Test("a FIFO and a process substitution import like the file they carry (D13)")
    func pipes() throws {
        let cli = try CLI()
        let db = cli.directory + "/piped.sqlite"
        let source = CLI.sources + "/parameter-matrix.md"
        let fifo = cli.directory + "/matrix.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // bash makes the pipes; "$0" is the infermatrix binary, then db, source, fifo.
        let viaFIFO = try cli.run([db, source, fifo], prefix: ["/bin/bash", "-c", #"cat "$2" > "$3" & exec "$0" import --db "$1" "$3""#])
        #expect(viaFIFO.status == 0, "\(viaFIFO.stderr)")
        #expect(viaFIFO.stdout.contains("params: 110 rows"), "\(viaFIFO.stdout)")
        let substituted = try cli.run([db, source], prefix: ["/bin/bash", "-c", #"exec "$0" import --db "$1" <(cat "$2")"#])
        #expect(substituted.status == 0, "\(substituted.stderr)")
        #expect(substituted.stdout.contains("no changes"), "\(substituted.stdout)")
        let directory = try cli.run(["import", "--db", db, cli.directory])
        #expect(directory.status == 1 && directory.stderr.contains("is a directory"), "\(directory.stderr)")
    }
}

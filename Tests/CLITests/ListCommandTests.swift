import Foundation
import Testing

@Suite("infermatrix list and export")
struct ListCommandTests {
    @Test("list --matrix params 'backend:vllm status:failed' prints exactly seed 000's 15 vLLM failures")
    func vllmFailures() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let result = try cli.run(["list", "--db", db, "--matrix", "params", "backend:vllm status:failed"])
        #expect(result.status == 0, "\(result.stderr)")
        // The table, then a blank line and the legend of the glyphs and marks it shows.
        let parts = result.stdout.components(separatedBy: "\n\nLegend:\n")
        #expect(parts.count == 2 && parts[1].contains("❌ failed") && parts[1].contains("* has a note"), "\(result.stdout)")
        let lines = parts[0].split(separator: "\n").dropFirst(2)
        let names = Set(lines.map { String($0.split(separator: " ")[0]) })
        let expected = try CLI.seedVLLMFailures()
        #expect(expected.count == 15)
        #expect(names == expected)
        #expect(lines.count == 15)
        #expect(lines.allSatisfy { $0.hasSuffix("❌") || $0.hasSuffix("❌*") })
        #expect(result.stderr.contains("15 of"))
    }

    @Test("the table lines up ⚠️ (two columns wide) with the other glyphs")
    func alignment() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let result = try cli.run(["list", "--db", db, "length_penalty"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").filter { $0.contains("length_penalty=") }
        #expect(rows.contains { $0.contains("⚠️") })
        // Column starts line up when ⚠️ counts as two columns: compare where the TensorRT glyph starts.
        let widths = rows.map { row -> Int in
            let prefix = row.components(separatedBy: "  ").dropLast().joined(separator: "  ")
            return prefix.unicodeScalars.count - prefix.unicodeScalars.filter { $0.value == 0xFE0F }.count
        }
        #expect(Set(widths).count == 1, "\(rows)")
    }

    @Test("csv, json and md exports of a selection read back with the selected rows")
    func exports() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let expected = try CLI.seedVLLMFailures()
        for ext in ["csv", "json", "md", "tsv"] {
            let path = cli.directory + "/failures.\(ext)"
            let result = try cli.run(["export", "--db", db, "backend:vllm status:failed", "-o", path])
            #expect(result.status == 0, "\(ext): \(result.stderr)")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for name in expected { #expect(text.contains(name), "\(ext) lacks \(name)") }
            #expect(!text.contains("vllm.block_size=16"), "\(ext) has an unselected row")
            switch ext {
            case "csv":
                let records = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                #expect(records.count == 16, "header + 15 rows")
            case "json":
                #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
            case "md":
                #expect(text.split(separator: "\n").filter { $0.hasPrefix("| `") }.count == 15)
            default:
                #expect(text.split(separator: "\n").count == 16)
            }
        }
    }

    @Test("exporting the whole params matrix as Markdown reproduces seed 000 except its Last updated line")
    func markdownRoundTrip() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let path = cli.directory + "/params.md"
        let result = try cli.run(["export", "--db", db, "", "--matrix", "params", "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        let strip = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("Last updated") } }
        let exported = strip(try String(contentsOfFile: path, encoding: .utf8))
        let seed = strip(try String(contentsOfFile: CLI.sources + "/parameter-matrix.md", encoding: .utf8))
        #expect(exported == seed)
    }

    @Test("a query with an unclosed quote or an unknown key exits 1 with a caret under the term")
    func queryErrors() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let unclosed = try cli.run(["list", "--db", db, "backend:vllm feature:\"KV Cache"])
        #expect(unclosed.status == 1)
        #expect(unclosed.stderr.hasPrefix("infermatrix: error: "))
        #expect(unclosed.stderr.contains("quote"))
        #expect(unclosed.stderr.contains("^"))
        let unknown = try cli.run(["list", "--db", db, "backend:vllm colour:red"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("colour"))
        let lines = unknown.stderr.split(separator: "\n")
        let caretLine = try #require(lines.last)
        let queryLine = lines[lines.count - 2]
        let caretStart = caretLine.firstIndex(of: "^").map { caretLine.distance(from: caretLine.startIndex, to: $0) }
        let termStart = queryLine.range(of: "colour").map { queryLine.distance(from: queryLine.startIndex, to: $0.lowerBound) }
        #expect(caretStart == termStart)
    }

    @Test("show prints the full note, status, section and source of vllm.block_size=8")
    func show() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let result = try cli.run(["show", "--db", db, "--matrix", "params", "vllm.block_size=8"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("note: Error: No common block size for 8."))
        #expect(result.stdout.contains("section: vLLM-specific"))
        #expect(result.stdout.contains("vLLM [vllm]: ❌ failed"))
        #expect(result.stdout.contains("source: data/sources/parameter-matrix.md (parameter-markdown, sha256 "))
        let missing = try cli.run(["show", "--db", db, "vllm.block_size=9"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("vllm.block_size=9"))
    }

    @Test("--help works on every command and usage errors exit 2")
    func help() throws {
        let cli = try CLI()
        for command in [[], ["list"], ["show"], ["import"], ["diff"], ["export"], ["db"], ["db", "path"], ["db", "rebuild"], ["db", "check"]] {
            let result = try cli.run(command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.contains("USAGE"), "\(command)")
        }
        #expect(try cli.run(["list", "--format", "xml"]).status == 2)
        #expect(try cli.run(["frobnicate"]).status == 2)
    }

    @Test("a query starting with - (negation) is a query, not an option, wherever the options stand")
    func negatedQuery() throws {
        let cli = try CLI()
        let db = try cli.paramsDatabase()
        let all = try cli.run(["list", "--db", db, "--format", "csv"])
        let negated = try cli.run(["list", "--db", db, "-section:decoder", "--format", "csv"])
        #expect(negated.status == 0, "\(negated.stderr)")
        let rows = negated.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        let allRows = all.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(!rows.isEmpty && rows.count < allRows.count)
        #expect(!rows.contains { $0.hasPrefix("decoder.") }, "a decoder row survived -section:decoder")
        #expect(allRows.contains { $0.hasPrefix("decoder.") })
        let path = cli.directory + "/not-vllm.csv"
        let export = try cli.run(["export", "--db", db, "-backend:vllm status:failed", "-o", path])
        #expect(export.status == 0, "\(export.stderr)")
    }

    @Test("list, show and export write nothing to the database: no switch to WAL, no write, no checkpoint")
    func readOnlyCommands() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for args in [["list", "--db", db, "status:failed", "--format", "csv"], ["show", "--db", db, "vllm.block_size=8"],
                     ["export", "--db", db, "backend:vllm", "-o", cli.directory + "/out.json"]] {
            let result = try cli.run(args)
            #expect(result.status == 0, "\(args): \(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "the database file changed")
        let wal = (try? FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0, "the -wal file holds \(wal) bytes")
    }
}

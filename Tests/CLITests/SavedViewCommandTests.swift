import Foundation
import Testing

/// `--view NAME` on `list` and `export`, and Markdown exports of a selection.
@Suite("Saved views on the command line; Markdown excerpts")
struct SavedViewCommandTests {
    /// A views.json in the CLI's own XDG config directory, as the explorer's `W` writes it.
    func writeViews(_ cli: CLI, _ json: String) throws {
        let directory = cli.directory + "/config/infermatrix"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try json.write(toFile: directory + "/views.json", atomically: true, encoding: .utf8)
    }

    /// A CLI with seed 000's database and ``views`` saved.
    func viewsSetUp() throws -> (CLI, String) {
        let cli = try CLI()
        let db = try cli.paramsDatabase()
        try writeViews(cli, Self.views)
        return (cli, db)
    }

    static let views = """
        {"views": [{"name": "vllm-fails", "matrix": "params", "query": "backend:vllm status:failed", "environments": [],
                    "arrangement": {"sort": {"key": "name", "descending": true}, "hiddenColumns": [], "hiddenAttributes": [],
                                    "columnOrder": [], "widths": {}}},
                   {"name": "no-trt", "matrix": "params", "query": "section:Batching", "environments": [],
                    "arrangement": {"hiddenColumns": ["tensorrt"], "hiddenAttributes": [], "columnOrder": ["vllm", "pytorch"],
                                    "widths": {"vllm": 9}}}]}
        """

    @Test("list --view applies the view's query and sort; a query on the command line narrows it")
    func listView() throws {
        let (cli, db) = try viewsSetUp()
        let result = try cli.run(["list", "--db", db, "--view", "vllm-fails"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.components(separatedBy: "\n\n")[0].split(separator: "\n").dropFirst(2)
            .map { String($0.split(separator: " ")[0]) }
        #expect(rows.count == 15)
        #expect(Set(rows) == (try CLI.seedVLLMFailures()))
        // Sorted by name, descending, within each section.
        #expect(rows.first != nil)
        let narrowed = try cli.run(["list", "--db", db, "--view", "vllm-fails", "kv_cache"])
        #expect(narrowed.stderr.contains("3 of 110 rows"), "\(narrowed.stderr)")
        let kv = narrowed.stdout.components(separatedBy: "\n\n")[0].split(separator: "\n").dropFirst(2).map { String($0.split(separator: " ")[0]) }
        #expect(kv == ["vllm.kv_cache_dtype=fp8", "vllm.kv_cache_dtype=float16", "vllm.kv_cache_dtype=bfloat16"], "\(kv)")
    }

    @Test("list --view hides and reorders columns; export --view writes them the same way")
    func columns() throws {
        let (cli, db) = try viewsSetUp()
        let result = try cli.run(["list", "--db", db, "--view", "no-trt"])
        #expect(result.status == 0, "\(result.stderr)")
        let header = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("vLLM") && header.contains("PyTorch") && !header.contains("TensorRT"), "\(header)")
        #expect(header.range(of: "vLLM")!.lowerBound < header.range(of: "PyTorch")!.lowerBound)
        let export = try cli.run(["export", "--db", db, "--view", "no-trt", "-o", "batching.csv"])
        #expect(export.status == 0, "\(export.stderr)")
        let csv = try String(contentsOfFile: cli.directory + "/batching.csv", encoding: .utf8)
        #expect(!csv.contains("tensorrt") && !csv.contains("TensorRT"), "\(csv.prefix(300))")
        #expect(csv.split(whereSeparator: \.isNewline).count == 7, "\(csv)")
    }

    @Test("an unknown view or a broken views.json is an error naming the file (and the field)")
    func errors() throws {
        let (cli, db) = try viewsSetUp()
        let unknown = try cli.run(["list", "--db", db, "--view", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("views.json") && unknown.stderr.contains("no view named \"nope\"")
                && unknown.stderr.contains("vllm-fails, no-trt"), "\(unknown.stderr)")
        try writeViews(cli, #"{"views": [{"name": "x", "matrix": "params", "query": "", "environments": [], "arrangement": {"sort": {"key": "colour", "descending": false}, "hiddenColumns": [], "hiddenAttributes": [], "columnOrder": [], "widths": {}}}]}"#)
        let broken = try cli.run(["list", "--db", db, "--view", "x"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("views.json") && broken.stderr.contains("views[0].arrangement.sort"), "\(broken.stderr)")
    }

    @Test("a Markdown export of three rows is an excerpt: no seed date, no generator script, no Backend Recommendations")
    func markdownExcerpt() throws {
        let cli = try CLI()
        let db = try cli.paramsDatabase()
        let result = try cli.run(["export", "--db", db, "section:\"Core Settings\"", "--matrix", "params", "-o", "three.md"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: cli.directory + "/three.md", encoding: .utf8)
        #expect(text.hasPrefix("# Parameter Support Matrix (excerpt)\n\n> 3 rows and 3 columns selected in InferMatrix on "), "\(text.prefix(200))")
        #expect(!text.contains("Last updated") && !text.contains("scripts/") && !text.contains("Backend Recommendations"), "\(text)")
        #expect(text.contains("`fp_precision=bfloat16`"))
        // The whole matrix is still the document (seed 000: ExportDocumentTests).
        let whole = try cli.run(["export", "--db", db, "", "--matrix", "params", "-o", "whole.md"])
        #expect(whole.status == 0)
        let wholeText = try String(contentsOfFile: cli.directory + "/whole.md", encoding: .utf8)
        #expect(wholeText.contains("Backend Recommendations") && wholeText.contains("Last updated"))
    }
}

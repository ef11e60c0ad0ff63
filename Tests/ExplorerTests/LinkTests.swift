import Foundation
import MatrixCore
import Screen
import Terminal
import Testing
@testable import Explorer

/// Issue 12's links: web addresses in notes are found; `o` opens the cell's links in turn with
/// `$BROWSER` or copies them; imported text stays free of control sequences.
@Suite("Links in notes")
struct LinkTests {
    static let note = "Broken since 0.6 (https://github.com/vllm-project/vllm/issues/12345), see the docs: "
        + "https://docs.vllm.ai/en/latest/serving/engine_args.html."

    /// The features fixture with a linked note on Llama × KV Cache Reuse.
    static var source: InMemoryDataSource {
        var features = ExplorerFixtures.features
        features.rows[2].cells["kv-cache-reuse"] = Cell(status: .unsupported, literal: "No", note: note)
        return InMemoryDataSource(matrices: [ExplorerFixtures.params, features])
    }

    @Test("http(s) addresses are found; sentence punctuation and unmatched brackets are not part of them")
    func find() {
        #expect(Links.find(in: Self.note) == ["https://github.com/vllm-project/vllm/issues/12345",
                                              "https://docs.vllm.ai/en/latest/serving/engine_args.html"])
        #expect(Links.find(in: "see http://a.example/x_(y), and <https://b.example/z>!") == ["http://a.example/x_(y)", "https://b.example/z"])
        #expect(Links.find(in: "no links here, just https:// alone") == [])
        #expect(Links.find(in: "https://evil.example/\u{1B}]52;c;AAAA\u{07}") == ["https://evil.example/"], "an escape ends a link")
    }

    @Test("o on a linked cell opens its first link, then the next; a cell without links says so")
    func openInTurn() {
        let source = Self.source
        var state = LiveFixtures.state(source: source)
        _ = state.apply(.nextTab)
        state.place(row: "LlamaForCausalLM", column: "kv-cache-reuse")
        // The detail is not loaded yet: o asks for it, then opens the link once it is here.
        var effects = state.apply(.openLink)
        #expect(effects == [.loadCellDetail(matrix: "features", row: "LlamaForCausalLM", column: "kv-cache-reuse")])
        effects = state.apply(.cellDetailLoaded(try? source.cellDetail(matrix: "features", row: "LlamaForCausalLM", column: "kv-cache-reuse")))
        #expect(effects == [.openLink("https://github.com/vllm-project/vllm/issues/12345")])
        #expect(state.apply(.openLink) == [.openLink("https://docs.vllm.ai/en/latest/serving/engine_args.html")])
        #expect(state.apply(.openLink) == [.openLink("https://github.com/vllm-project/vllm/issues/12345")])
        _ = state.apply(.linkOpened(url: "https://docs.vllm.ai", browser: nil))
        #expect(state.statusMessage?.text == "Copied https://docs.vllm.ai (OSC 52; set $BROWSER to open links instead)")
        _ = state.apply(.linkOpened(url: "https://docs.vllm.ai", browser: "firefox"))
        #expect(state.statusMessage?.text == "Opened https://docs.vllm.ai with firefox")

        state.place(row: "DeepseekV3ForCausalLM", column: "kv-cache-reuse")
        effects = state.apply(.openLink)
        effects = state.apply(.cellDetailLoaded(try? source.cellDetail(matrix: "features", row: "DeepseekV3ForCausalLM", column: "kv-cache-reuse")))
        #expect(effects.isEmpty)
        #expect(state.statusMessage?.text == "No link in this cell's notes, footnotes or source")
    }

    @Test("the detail pane says o opens the links")
    func detailHint() {
        let source = Self.source
        var state = LiveFixtures.state(width: 80, height: 24, source: source)
        _ = state.apply(.nextTab)
        state.place(row: "LlamaForCausalLM", column: "kv-cache-reuse")
        LiveFixtures.perform(&state, [.toggleDetail], source: source)
        #expect(render(state).text().contains("o: open the 2 links in turn with $BROWSER, or copy (OSC 52)"))
    }

    @Test("$BROWSER: its first command; %s takes the link, else the link is appended, as one argument")
    func browser() {
        #expect(Browser.command(environment: [:]) == nil)
        #expect(Browser.command(environment: ["BROWSER": ""]) == nil)
        #expect(Browser.command(environment: ["BROWSER": "firefox --new-tab:w3m"]) == ["firefox", "--new-tab"])
        #expect(Browser.arguments(["w3m"], url: "https://a.example/?q=1;rm -rf") == ["w3m", "https://a.example/?q=1;rm -rf"])
        #expect(Browser.arguments(["open", "-u", "%s"], url: "https://a.example") == ["open", "-u", "https://a.example"])
    }

    @Test("a real $BROWSER is started with the link (a script that writes its arguments)")
    func startsTheBrowser() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imx-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("browser").path
        let out = dir.appendingPathComponent("args").path
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > \(out).tmp && mv \(out).tmp \(out)\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let name = try Browser.open("https://a.example/x y", environment: ["BROWSER": script, "PATH": "/usr/bin:/bin"])
        #expect(name == script)
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: out) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "https://a.example/x y\n")
    }
}

@Suite("Links highlighted in the detail pane")
struct LinkHighlightTests {
    @Test("character ranges of the links, for highlighting")
    func ranges() {
        #expect(Links.characterRanges(in: "see https://a.example/x, or http://b.example.") == [4..<23, 28..<44])
        #expect(Links.characterRanges(in: "no link") == [])
    }

    @Test("links are highlighted where they fall on the wrapped lines, the words around them are not")
    func wrapped() throws {
        let source = LinkTests.source
        var state = LiveFixtures.state(width: 80, height: 24, source: source)
        _ = state.apply(.nextTab)
        state.place(row: "LlamaForCausalLM", column: "kv-cache-reuse")
        LiveFixtures.perform(&state, [.toggleDetail], source: source)
        let frame = render(state)
        let lines = frame.text().split(separator: "\n", omittingEmptySubsequences: false)
        let styles = frame.styleMap().split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0.contains("Note: Broken since 0.6 (https://github.com") })
        let column = try #require(lines[first].range(of: "https://")).lowerBound.utf16Offset(in: lines[first])
        #expect(styles[first].dropFirst(column).hasPrefix("!!!!!!!!"), "the first link: \(styles[first])")
        #expect(styles[first + 1].contains("!!!!!!!!"), "the second link, on the next line: \(styles[first + 1])")
        #expect(!styles[first].hasPrefix("..!"), "the words before it are not")
    }
}

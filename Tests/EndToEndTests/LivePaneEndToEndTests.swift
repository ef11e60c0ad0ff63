import Foundation
import LiveTest
import Testing

/// `t` in the real binary, inside tmux, running the real harness (issue 4 §7): the pane streams
/// the run, the verdict lands, the cell shows its live marker and the terminal is restored.
@Suite("Live pane end to end (tmux + harness)", .serialized)
struct LivePaneEndToEndTests {
    static let repoRoot = ExplorerEndToEndTests.repoRoot

    /// The harness's Python as the program itself finds it (``HarnessEnvironment/locate``); the
    /// binary runs with a scratch `XDG_DATA_HOME`, so it is passed explicitly.
    static var python: String? { try? HarnessEnvironment.locate(root: repoRoot.path)?.python }

    @Test("t on num_beams=4 × PyTorch streams tokens and a verdict, records it and marks the cell live; the log is searched, scrolled, followed and saved")
    func liveRunInThePane() throws {
        #expect(FileManager.default.isExecutableFile(atPath: ExplorerEndToEndTests.binary), "build first: swift build")
        let python = try #require(Self.python, "prepare the harness first: scripts/setup-harness.sh (or set INFERMATRIX_PYTHON)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imx-live-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The bundled sources without the committed runs (the bundled database already carries an
        // H100 run of this cell), built in a temporary directory: the run is recorded there.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("no-runs"), withIntermediateDirectories: true)
        let rebuild = Process()
        rebuild.executableURL = URL(fileURLWithPath: ExplorerEndToEndTests.binary)
        rebuild.arguments = ["db", "rebuild", "--sources", Self.repoRoot.appendingPathComponent("data/sources").path,
                             "--runs", dir.appendingPathComponent("no-runs").path,
                             "-o", dir.appendingPathComponent("matrix.sqlite").path]
        rebuild.standardOutput = FileHandle.nullDevice
        try rebuild.run()
        rebuild.waitUntilExit()
        #expect(rebuild.terminationStatus == 0)
        // PYTHONVERBOSE makes the real harness log every import on stderr: a log of thousands of
        // lines for the pane's scrollback, search and save.
        let command = "env PYTHONVERBOSE=1 " + ExplorerEndToEndTests.explorerCommand(in: dir, python: python)
        let tmux = try TmuxSession(command: command, width: 120, height: 40, directory: dir.path)

        _ = try tmux.firstFrame()
        var screen = try tmux.filter("num_beams=4", until: "1 match")
        let row = try #require(rowLine(screen), "the row is shown:\n\(screen)")
        #expect(row.contains("➖"), "PyTorch is untested before the run: \(row)")

        try tmux.send("t")
        screen = try tmux.waitFor(timeout: 10) { $0.contains("Live · decoder.beam_search.num_beams=4 · PyTorch") }
        #expect(screen.contains("resolve › load › warm-up › generate › validate"), "pane:\n\(screen)")
        // A second t while it runs is refused.
        try tmux.send("t")
        screen = try tmux.waitFor(timeout: 5) { $0.contains("A live test is in progress") }
        #expect(screen.contains("A live test is in progress"), "second t:\n\(screen)")

        screen = try tmux.waitFor(timeout: 240) { $0.contains("recorded as run") || $0.contains("not recorded") }
        #expect(screen.contains("[0] "), "tokens in the pane:\n\(screen)")
        #expect(screen.contains("✅ passed ·"), "verdict:\n\(screen)")
        #expect(screen.contains("recorded as run 1"), "recorded:\n\(screen)")
        #expect(screen.contains("✓ "), "a passing check:\n\(screen)")
        #expect(screen.contains("no NVIDIA GPU (CPU run)") || screen.contains("GiB"), "telemetry:\n\(screen)")
        let after = try #require(rowLine(screen), "the row after the run:\n\(screen)")
        #expect(after.contains("✅L"), "the PyTorch cell shows the live marker: \(after)")

        // The log: thousands of lines. Search it (the match shown and counted, the view moved to
        // it), step with n, end the search (the view stays back), follow again with F, scroll back
        // with {, save it (the absolute path is reported and the file holds the whole log).
        let heading = try #require(screen.split(separator: "\n").map(String.init).first { $0.contains("log · ") })
        let count = Int(heading.split(separator: "·")[1].split(separator: " ")[0]) ?? 0
        #expect(count > 200, "a long log: \(heading)")
        try tmux.send("s")
        screen = try tmux.waitFor { $0.contains("search: ") }
        try tmux.sendLiteral("harness started")
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("match 1 of 1") }
        #expect(screen.contains("match 1 of 1"), "pane search:\n\(screen)")
        #expect(screen.contains("[engine] harness started (pid"), "the view went back to the matching line:\n\(screen)")
        try tmux.send("n")
        screen = try tmux.waitFor { $0.contains("match 1 of 1") }
        #expect(screen.contains("[engine] harness started (pid"), "n wraps to the one match:\n\(screen)")
        try tmux.send("Escape")
        screen = try tmux.waitFor { $0.contains("lines back") }
        #expect(screen.contains("lines back") && screen.contains("[engine] harness started (pid"),
                "Esc ended the search, the view stays back:\n\(screen)")
        try tmux.send("F")
        screen = try tmux.waitFor { $0.contains("· following ·") }
        #expect(screen.contains("· following ·") && !screen.contains("[engine] harness started (pid"),
                "F follows the end again:\n\(screen)")
        try tmux.send("{")
        screen = try tmux.waitFor { $0.contains("5 lines back") }
        #expect(screen.contains("5 lines back"), "{ scrolls back:\n\(screen)")
        try tmux.send("S")
        screen = try tmux.waitFor { $0.contains("Log saved: ") }
        #expect(screen.contains("Log saved: \(dir.path)/infermatrix-log-"), "the absolute path reported:\n\(screen)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix("infermatrix-log-") })
        #expect(name == "infermatrix-log-params-decoder.beam_search.num_beams=4-pytorch.log")
        let saved = try String(contentsOfFile: dir.appendingPathComponent(name).path, encoding: .utf8)
        #expect(saved.split(separator: "\n").count == count, "the whole log was saved")
        #expect(saved.contains("[engine] harness started (pid"))

        // Esc closes the finished pane; q quits and gives the terminal back.
        try tmux.send("Escape")
        screen = try tmux.waitFor { !$0.contains("Live · ") }
        #expect(!screen.contains("Live · "))
        try tmux.send("q")
        screen = try tmux.waitFor { $0.contains("IMX-EXITED") }
        #expect(screen.contains("IMX-EXITED"))
        #expect(try tmux.format("#{alternate_on}") == "0")
    }

    /// The grid line of the num_beams=4 row.
    func rowLine(_ screen: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.hasPrefix("  decoder.beam_search.num_beams=4") }
    }
}

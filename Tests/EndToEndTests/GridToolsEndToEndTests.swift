import Foundation
import Testing

/// The grid tools in the real binary inside tmux: sort, hide a column, the summary sheet into a
/// filtered grid, save a view, pick it again, and use it from `infermatrix list --view`.
@Suite("Grid tools end to end (tmux)", .serialized)
struct GridToolsEndToEndTests {
    let explorer = ExplorerEndToEndTests()

    func header(_ screen: String) -> String {
        screen.split(separator: "\n").first { $0.hasPrefix("  Parameter") }.map(String.init) ?? ""
    }

    @Test("O O ] sorts by failures within sections; End H hides TensorRT; F j Enter filters; W saves; v applies; list/explore --view")
    func sortHideSummaryView() throws {
        #expect(FileManager.default.isExecutableFile(atPath: ExplorerEndToEndTests.binary), "build first: swift build")
        let dir = try explorer.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmux = try TmuxSession(command: ExplorerEndToEndTests.explorerCommand(in: dir), width: 120, height: 40,
                                   directory: dir.path)
        _ = try tmux.firstFrame(timeout: 20)
        // The document alone (E), so the bundled CPU runs do not change which cells failed; then
        // sort: O picks name, then failures; ] turns it descending.
        for key in ["E", "O", "O", "]"] { try tmux.send(key) }
        var screen = try tmux.waitFor { $0.contains("failures ↓") }
        let sorted = explorer.rowLines(screen)
        #expect(sorted.first?.contains("❌") == true, "the first row of Core Settings has a failure:\n\(screen)")

        // Hide the last column (TensorRT).
        try tmux.send("End")
        try tmux.send("H")
        screen = try tmux.waitFor { $0.contains("Hid TensorRT") }
        #expect(!header(screen).contains("TensorRT") && header(screen).contains("vLLM"), "after H:\n\(screen)")

        // The summary sheet: Core Settings × PyTorch, then × vLLM; Enter on its failed count.
        try tmux.send("F")
        screen = try tmux.waitFor { $0.contains("Summary: 110 rows") }
        // Hidden TensorRT has no lines (its section "TensorRT-specific" does).
        #expect(screen.contains("Core Settings") && !screen.contains("  TensorRT "), "summary:\n\(screen)")
        try tmux.send("j")
        try tmux.send("Enter")
        // A loaded machine can capture a frame half written: wait for the whole of it.
        screen = try tmux.waitFor { $0.contains("of 1 (110)") && $0.contains("Esc clears") && explorer.rowLines($0).count == 1 }
        #expect(screen.contains("section:\"Core Settings\" backend:vllm status:failed"), "grid:\n\(screen)")
        #expect(explorer.rowLines(screen).count == 1 && screen.contains("fp_precision=bfloat16"), "grid:\n\(screen)")

        // Save the view, clear everything, pick it again.
        try tmux.send("W")
        _ = try tmux.waitFor { $0.contains("Save the view") }
        try tmux.sendLiteral("core-vllm")
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("Saved view core-vllm") }
        let saved = try String(contentsOf: dir.appendingPathComponent("config/infermatrix/views.json"), encoding: .utf8)
        #expect(saved.contains("\"core-vllm\"") && saved.contains("\"tensorrt\"") && saved.contains("\"failures\""), "\(saved)")
        try tmux.send("Escape")
        try tmux.send("U")
        _ = try tmux.waitFor { $0.contains("of 110") && !$0.contains("(110)") && header($0).contains("TensorRT") }
        try tmux.send("v")
        _ = try tmux.waitFor { $0.contains("Saved views") }
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("View core-vllm") }
        #expect(screen.contains("of 1 (110)") && !header(screen).contains("TensorRT"), "view:\n\(screen)")
        try tmux.send("q")
        _ = try tmux.waitFor { $0.contains("IMX-EXITED") }

        // The same view from the command line.
        let list = Process()
        list.executableURL = URL(fileURLWithPath: ExplorerEndToEndTests.binary)
        list.arguments = ["list", "--db", dir.path + "/matrix.sqlite", "--view", "core-vllm"]
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = dir.path + "/config"
        list.environment = environment
        let out = Pipe()
        list.standardOutput = out
        list.standardError = Pipe()
        try list.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        list.waitUntilExit()
        #expect(list.terminationStatus == 0)
        #expect(text.contains("fp_precision=bfloat16") && !text.contains("TensorRT") && !text.contains("float32"), "\(text)")

        // And `explore --view`: the explorer opens on it.
        let command = ExplorerEndToEndTests.explorerCommand(in: dir).replacingOccurrences(of: "--start-view default",
                                                                                         with: "--start-view default --view core-vllm")
        let again = try TmuxSession(command: command, width: 120, height: 40, directory: dir.path)
        screen = try again.waitFor(timeout: 20) { $0.contains("View core-vllm") }
        #expect(screen.contains("of 1 (110)") && !header(screen).contains("TensorRT"), "explore --view:\n\(screen)")
        try again.send("q")
        _ = try again.waitFor { $0.contains("IMX-EXITED") }
    }
}

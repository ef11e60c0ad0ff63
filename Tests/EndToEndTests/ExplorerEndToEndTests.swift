import Foundation
import Testing

/// Drives the real `infermatrix` binary inside tmux, as a person would (issue 3).
@Suite("Explorer end to end (tmux)", .serialized)
struct ExplorerEndToEndTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = repoRoot.appendingPathComponent(".build/debug/infermatrix").path

    /// A scratch directory with `data/sources/parameter-matrix.md`, so the database the binary
    /// creates on first use holds seed 000's matrix.
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imx-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data/sources"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repoRoot.appendingPathComponent("data/sources/parameter-matrix.md"),
                                         to: dir.appendingPathComponent("data/sources/parameter-matrix.md"))
        return dir
    }

    /// The shell command tmux runs: the explorer on `dir/matrix.sqlite` in a UTF-8, 256-colour
    /// terminal with its state, config and data under `dir`; live tests run the harness of this
    /// repository with `python`. `IMX-EXITED` marks the explorer's exit, then `after` runs. Tabs open
    /// in the default view (`--start-view default`): the layouts these tests walk must not depend on
    /// whether the machine running them recorded runs of its own (the bundled CPU runs were made on
    /// the host `vm`).
    static func explorerCommand(in dir: URL, python: String? = nil, after: String = "sleep 30") -> String {
        let live = python.map { "INFERMATRIX_PYTHON=\($0) INFERMATRIX_HARNESS_DIR=\(repoRoot.path) " } ?? ""
        return "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color XDG_STATE_HOME=\(dir.path)/state "
            + "XDG_CONFIG_HOME=\(dir.path)/config XDG_DATA_HOME=\(dir.path)/share \(live)"
            + "\(binary) --db \(dir.path)/matrix.sqlite --start-view default; echo IMX-EXITED; \(after)"
    }

    /// Grid lines of a capture: lines that show a row name and a status glyph.
    func rowLines(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { $0.hasPrefix("  ") || $0.hasPrefix("● ") }
            .filter { $0.contains("❌") || $0.contains("✅") || $0.contains("➖") || $0.contains("⚠") }
    }

    @Test("filter to the 15 vLLM failures, open a note, mark two rows, export CSV, resize, quit")
    func fullSession() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build first: swift build (\(Self.binary))")
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let command = Self.explorerCommand(in: dir)
        let tmux = try TmuxSession(command: command, width: 120, height: 40, directory: dir.path)

        var screen = try tmux.firstFrame()
        #expect(screen.contains("row 1 of 110"), "first frame:\n\(screen)")
        // The document alone (E): the bundled CPU vLLM runs would otherwise stand in the vLLM column.
        try tmux.send("E")
        screen = try tmux.waitFor { $0.contains("Environments: doc") }

        // Filter: the grid narrows to the 15 vLLM failures with their glyphs.
        screen = try tmux.filter("backend:vllm status:failed", until: "15 matches")
        #expect(screen.contains("15 matches"), "after filtering:\n\(screen)")
        let rows = rowLines(screen)
        #expect(rows.count == 15, "rows:\n\(rows.joined(separator: "\n"))")
        #expect(rows.allSatisfy { $0.contains("❌") })

        // Move to vllm.block_size=8 and open its note.
        let position = try #require(rows.firstIndex { $0.contains("vllm.block_size=8") })
        for _ in 0..<position { try tmux.send("j") }
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("No common block size for 8") }
        #expect(screen.contains("No common block size for 8"), "detail:\n\(screen)")
        try tmux.send("Enter")

        // Mark the first two rows and export them as CSV.
        try tmux.send("g")
        try tmux.send("Space")
        try tmux.send("Space")
        screen = try tmux.waitFor { $0.contains("2 marked") }
        #expect(screen.contains("2 marked"))
        try tmux.send("e")
        screen = try tmux.waitFor { $0.contains("infermatrix-params.csv") }
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("Wrote 2 rows") }
        #expect(screen.contains("Wrote 2 rows"), "export:\n\(screen)")
        let csv = try String(contentsOf: dir.appendingPathComponent("infermatrix-params.csv"), encoding: .utf8)
        let lines = csv.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        #expect(lines.count == 3, "csv:\n\(csv)")
        #expect(lines.dropFirst().first?.contains(rowName(rows[0])) == true)
        #expect(lines.dropFirst(2).first?.contains(rowName(rows[1])) == true)

        // Resize: the frame is redrawn at the new width at once.
        try tmux.resize(width: 90, height: 30)
        screen = try tmux.waitFor { $0.split(separator: "\n").first.map { $0.hasSuffix("of 15 (110)") && $0.count <= 90 } ?? false }
        let top = screen.split(separator: "\n").first.map(String.init) ?? ""
        #expect(top.hasSuffix("of 15 (110)") && top.count <= 90, "after resize:\n\(screen)")

        // Quit: the shell gets its terminal back (alternate screen left).
        try tmux.send("q")
        screen = try tmux.waitFor { $0.contains("IMX-EXITED") }
        #expect(screen.contains("IMX-EXITED"))
        #expect(try tmux.format("#{alternate_on}") == "0")
    }

    func rowName(_ line: String) -> String {
        line.split(separator: " ").first { !$0.isEmpty && $0 != "●" }.map(String.init) ?? line
    }

    @Test("a free word finds rows by their notes: the store's full-text index answers the explorer's effect")
    func noteWords() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build first: swift build (\(Self.binary))")
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmux = try TmuxSession(command: Self.explorerCommand(in: dir), width: 120, height: 40, directory: dir.path)
        _ = try tmux.waitFor { $0.contains("row 1 of 110") }
        // Only vllm.block_size=8's note says it ("No common block size for 8").
        let screen = try tmux.filter("common", until: "of 1 (110)")
        #expect(rowLines(screen).contains { $0.contains("vllm.block_size=8") }, "after /common:\n\(screen)")
        try tmux.send("q")
        _ = try tmux.waitFor { $0.contains("IMX-EXITED") }
    }

    @Test("popups over emoji cells leave the grid as it was: f/Esc, e/Esc, PgDn/PgUp (160×48)")
    func popupsLeaveTheGridWhole() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build first: swift build (\(Self.binary))")
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tmux = try TmuxSession(command: Self.explorerCommand(in: dir), width: 160, height: 48, directory: dir.path)
        // A loaded machine can capture a frame half written: take the grid once it holds still.
        var grid: [String] = []
        let first = try tmux.waitFor(timeout: 20) { screen in
            defer { grid = rowLines(screen) }
            return screen.contains("row 1 of 110") && rowLines(screen).count > 30 && rowLines(screen) == grid
        }
        #expect(grid.count > 30, "first frame:\n\(first)")

        for (open, title) in [("f", "Quick toggles"), ("e", "Export")] {
            try tmux.send(open)
            _ = try tmux.waitFor { $0.contains(title) }
            try tmux.send("Escape")
            let after = try tmux.waitFor { !$0.contains(title) && rowLines($0) == grid }
            #expect(rowLines(after) == grid, "after \(open), Esc:\n\(after)")
        }
        try tmux.send("PageDown")
        _ = try tmux.waitFor { rowLines($0) != grid }
        try tmux.send("PageUp")
        let back = try tmux.waitFor { rowLines($0) == grid }
        #expect(rowLines(back) == grid, "after PgDn, PgUp:\n\(back)")
        #expect(!back.contains("⚠️⚠️"))
        try tmux.send("q")
    }
}

import Foundation
import Testing

/// `T` in the real binary, inside tmux, running the real harness on warm workers (issue 5 §7):
/// the confirmation, the progress in the pane, the summary, the live markers in the grid, and the
/// terminal restored with no worker left behind.
@Suite("Batch runs end to end (tmux + harness)", .serialized)
struct BatchEndToEndTests {
    static let repoRoot = ExplorerEndToEndTests.repoRoot

    @Test("T on the four decoder.preset rows × PyTorch asks, runs them, shows the summary and live markers")
    func batchFromTheExplorer() throws {
        #expect(FileManager.default.isExecutableFile(atPath: ExplorerEndToEndTests.binary), "build first: swift build")
        let python = try #require(LivePaneEndToEndTests.python,
                                  "prepare the harness first: scripts/setup-harness.sh (or set INFERMATRIX_PYTHON)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imx-batch-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Self.repoRoot.appendingPathComponent("data/matrix.sqlite"),
                                         to: dir.appendingPathComponent("matrix.sqlite"))
        // After the exit: a worker of this explorer would carry its environment (this test's directory).
        let command = ExplorerEndToEndTests.explorerCommand(
            in: dir, python: python,
            after: "sleep 1; if grep -lsq 'XDG_STATE_HOME=\(dir.path)/state' /proc/[0-9]*/environ; "
                + "then echo WORKER-LEFT; else echo NO-WORKER; fi; sleep 30")
        let tmux = try TmuxSession(command: command, width: 120, height: 40, directory: dir.path)

        _ = try tmux.firstFrame()
        var screen = try tmux.filter("decoder.preset", until: "4 matches")

        try tmux.send("T")
        screen = try tmux.waitFor(timeout: 10) { $0.contains("Test 4 cells on pytorch? y/n") }
        #expect(screen.contains("Test 4 cells on pytorch? y/n"))
        try tmux.send("y")
        screen = try tmux.waitFor(timeout: 30) { $0.contains("── Batch ") && $0.contains("remaining") }
        #expect(screen.contains("/4 · failed"), "progress in the pane:\n\(screen)")
        // One run or batch at a time.
        try tmux.send("t")
        screen = try tmux.waitFor(timeout: 5) { $0.contains("A batch is in progress") }
        #expect(screen.contains("A batch is in progress"))

        screen = try tmux.waitFor(timeout: 300) { $0.contains("Batch finished") }
        #expect(screen.contains("4 tested on pytorch · params"), "summary:\n\(screen)")
        for group in ["differ", "agreements", "news", "skipped", "errors"] {
            #expect(screen.contains("│ \(group)"), "summary line for \(group):\n\(screen)")
        }
        #expect(screen.contains("errors      0"), "no test broke:\n\(screen)")

        try tmux.send("Escape")
        screen = try tmux.waitFor { !$0.contains("Batch finished") }
        let rows = screen.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  decoder.preset=") }
        #expect(rows.count == 4, "the four rows:\n\(screen)")
        for row in rows {
            // The PyTorch cell (first status column) shows its live verdict with the L marker.
            // tmux draws ⚠️ one column wide where the explorer reserves two, so an uncertain cell
            // reads "⚠️ L": take the cell's first columns without spaces.
            let name = row.dropFirst(2).prefix(while: { $0 != " " })
            let cell = String(row.dropFirst(2 + name.count).drop(while: { $0 == " " }).prefix(4).filter { $0 != " " })
            #expect(cell.hasSuffix("L") || cell.hasSuffix("~") || cell.hasSuffix("!"), "live marker in \(row)")
        }

        try tmux.send("q")
        screen = try tmux.waitFor { $0.contains("IMX-EXITED") && ($0.contains("NO-WORKER") || $0.contains("WORKER-LEFT")) }
        #expect(screen.contains("NO-WORKER"), "no warm worker outlives the explorer:\n\(screen)")
        #expect(try tmux.format("#{alternate_on}") == "0")
    }

    @Test("T with a worker that exits at once (INFERMATRIX_PYTHON=/bin/true): no SIGPIPE, the batch ends, the terminal is restored (D3)")
    func workerExitsEarly() throws {
        #expect(FileManager.default.isExecutableFile(atPath: ExplorerEndToEndTests.binary), "build first: swift build")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imx-batch-true-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Self.repoRoot.appendingPathComponent("data/matrix.sqlite"),
                                         to: dir.appendingPathComponent("matrix.sqlite"))
        // After the exit: the shell's status of the explorer, then the tty's canonical-mode flag.
        // `\r\n` first: an explorer killed by SIGPIPE leaves the tty raw (no CR on a newline), and
        // a plain echo lands mid-line, cut by the pane's edge (the status would never be seen).
        let command = ExplorerEndToEndTests.explorerCommand(in: dir, python: "/bin/true", after: "sleep 30")
            .replacingOccurrences(of: "; echo IMX-EXITED;",
                                  with: "; printf '\\r\\nIMX-EXITED status=%s\\r\\n' $?; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon';")
        let tmux = try TmuxSession(command: command, width: 120, height: 40, directory: dir.path)
        var screen = try tmux.waitFor { $0.contains("Parameters") && $0.contains("rows") }
        try tmux.send("/")
        try tmux.sendLiteral("decoder.preset")
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("4 matches") }
        for _ in 0..<3 {   // three batches: the early exit races the request's write (9 of 10 tries died)
            try tmux.send("T")
            screen = try tmux.waitFor(timeout: 10) { $0.contains("Test 4 cells on pytorch? y/n") }
            try tmux.send("y")
            screen = try tmux.waitFor(timeout: 60) { $0.contains("Batch finished") || $0.contains("IMX-EXITED") }
            #expect(!screen.contains("IMX-EXITED"), "the explorer died during the batch:\n\(screen)")
            #expect(screen.contains("Batch finished"), "\(screen)")
            try tmux.send("Escape")
            screen = try tmux.waitFor { !$0.contains("Batch finished") }
        }
        try tmux.send("q")
        screen = try tmux.waitFor { $0.contains("IMX-EXITED") && $0.contains("icanon") }
        #expect(screen.contains("IMX-EXITED status=0"), "\(screen)")
        #expect(screen.split(separator: "\n").contains { $0 == "icanon" }, "the terminal was left raw:\n\(screen)")
        #expect(try tmux.format("#{alternate_on}") == "0")
    }
}

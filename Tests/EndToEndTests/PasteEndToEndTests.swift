import Foundation
import Testing

/// Issue 14 D10, in the real binary inside tmux: a paste into the `/` line is one burst of input,
/// refiltered once; a megabyte paste neither pins the program nor keeps Esc and `q` from working.
@Suite("Paste into the query line end to end (tmux)", .serialized)
struct PasteEndToEndTests {
    /// The explorer on seed 000's matrix in tmux, with the `/` line open.
    static func queryLineOpen() throws -> (TmuxSession, URL) {
        #expect(FileManager.default.isExecutableFile(atPath: ExplorerEndToEndTests.binary), "build first: swift build")
        let dir = try ExplorerEndToEndTests().scratch()
        let tmux = try TmuxSession(command: ExplorerEndToEndTests.explorerCommand(in: dir), width: 120, height: 40,
                                   directory: dir.path)
        _ = try tmux.firstFrame()
        try tmux.send("/")
        _ = try tmux.waitFor { $0.contains("Enter:keep") }
        return (tmux, dir)
    }

    @Test("a 10,000-character paste lands in the query line at once; Esc clears it")
    func tenThousandCharacters() throws {
        let (tmux, dir) = try Self.queryLineOpen()
        defer { try? FileManager.default.removeItem(at: dir) }
        var screen: String
        // Words that match nothing; the query line keeps the first 2,000 characters.
        let text = String(repeating: "zqxjv ", count: 1_666) + "zzend"         // 10,001 characters
        let started = Date()
        try tmux.paste(text)
        // The query line holds 2,000 characters; it shows their end and says the rest was dropped.
        screen = try tmux.waitFor(timeout: 15) { $0.contains("query cut at 2000 chars") }
        let seconds = Date().timeIntervalSince(started)
        print("[paste] 10,000 characters into / : \(String(format: "%.2f", seconds)) s until the query line showed them")
        #expect(screen.contains("query cut at 2000 chars, 8001 dropped"), "after the paste:\n\(screen)")
        #expect(!screen.contains("zzend"), "the end of the paste was dropped, the start kept:\n\(screen)")
        #expect(screen.contains("No rows match the filter"), "the pasted words filtered the grid:\n\(screen)")
        try tmux.send("Escape")
        screen = try tmux.waitFor(timeout: 10) { $0.contains("row 1 of 110") && !$0.contains("zqxjv") }
        #expect(screen.contains("row 1 of 110"), "Esc cleared the filter:\n\(screen)")
        try tmux.send("q")
        screen = try tmux.waitFor { $0.contains("IMX-EXITED") }
        #expect(screen.contains("IMX-EXITED"))
    }

    @Test("a 1 MB paste: Esc and q still work, and the explorer exits")
    func oneMegabyte() throws {
        let (tmux, dir) = try Self.queryLineOpen()
        defer { try? FileManager.default.removeItem(at: dir) }
        var screen: String
        let started = Date()
        try tmux.paste(String(repeating: "abcdefg ", count: 131_072))          // 1,048,576 characters
        try tmux.send("Escape")
        // The `/` line's hint goes once Esc, queued behind the whole paste, has been read.
        screen = try tmux.waitFor(timeout: 60) { $0.contains("row 1 of 110") && !$0.contains("Enter:keep") }
        let seconds = Date().timeIntervalSince(started)
        print("[paste] 1 MB into / then Esc: \(String(format: "%.2f", seconds)) s until the filter was clear")
        #expect(screen.contains("row 1 of 110") && !screen.contains("abcdefg") && !screen.contains("Enter:keep"),
                "Esc cleared the paste:\n\(screen)")
        try tmux.send("q")
        screen = try tmux.waitFor(timeout: 20) { $0.contains("IMX-EXITED") }
        #expect(screen.contains("IMX-EXITED"), "q quit:\n\(screen)")
    }
}

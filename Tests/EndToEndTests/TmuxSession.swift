import Foundation

/// A detached tmux session running one command at a fixed size: send keys, read the screen.
///
/// ```swift
/// let tmux = try TmuxSession(command: "infermatrix --db m.sqlite", width: 120, height: 40, directory: dir)
/// try tmux.sendLiteral("/backend:vllm"); let screen = try tmux.capture()
/// ```
final class TmuxSession {
    let name: String
    /// A private tmux server (`tmux -L`), so the test never touches anyone else's sessions.
    let socket: String

    init(command: String, width: Int, height: Int, directory: String) throws {
        name = "imx-e2e"
        socket = "imx-e2e-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        // The server daemonises and would keep a pipe open forever: its output goes nowhere.
        // The server daemonises; started through system(3) (fork, exec, waitpid) so no pipe or
        // process monitor of ours is inherited by it.
        let arguments = ["tmux", "-L", socket, "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                         "-c", directory, command]
        let status = system(arguments.map(Self.shellQuoted).joined(separator: " ") + " </dev/null >/dev/null 2>&1")
        guard status == 0 else { throw TmuxError(message: "tmux new-session failed with status \(status)") }
    }

    deinit { _ = try? Self.tmux(["-L", socket, "kill-server"]) }

    // MARK: - Keys and screen

    /// Sends tmux key names (`Enter`, `Escape`, `Space`, `q`).
    func send(_ keys: String...) throws { try Self.tmux(["-L", socket, "send-keys", "-t", name] + keys) }

    /// Sends text as typed characters.
    func sendLiteral(_ text: String) throws { try Self.tmux(["-L", socket, "send-keys", "-t", name, "-l", text]) }

    /// Pastes text as a terminal paste does (tmux `load-buffer` + `paste-buffer`): the program
    /// receives it all at once, not key by key.
    func paste(_ text: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("imx-paste-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try Self.tmux(["-L", socket, "load-buffer", "-b", "imx-paste", file.path])
        try Self.tmux(["-L", socket, "paste-buffer", "-d", "-b", "imx-paste", "-t", name])
    }

    func capture() throws -> String { try Self.tmux(["-L", socket, "capture-pane", "-p", "-t", name]) }

    func resize(width: Int, height: Int) throws {
        try Self.tmux(["-L", socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The value of a tmux format (`#{alternate_on}`) for the pane.
    func format(_ format: String) throws -> String {
        try Self.tmux(["-L", socket, "display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds or `timeout` seconds pass; returns the last screen.
    @discardableResult
    func waitFor(timeout: Double = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while !condition(screen) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            screen = try capture()
        }
        return screen
    }

    /// The explorer's first frame: the Parameters tab with its row indicator.
    func firstFrame(timeout: Double = 10) throws -> String {
        try waitFor(timeout: timeout) { $0.contains("Parameters") && $0.contains("row 1 of") }
    }

    /// Types `query` on the explorer's `/` line and keeps it (Enter); the screen once `cue` shows.
    func filter(_ query: String, until cue: String) throws -> String {
        try send("/")
        try sendLiteral(query)
        try send("Enter")
        return try waitFor { $0.contains(cue) }
    }

    // MARK: - Running tmux

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    static func tmux(_ arguments: [String], detached: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        let pipe = Pipe()
        if detached {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        } else {
            process.standardOutput = pipe
            process.standardError = pipe
        }
        try process.run()
        let data = detached ? Data() : pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed: \(output)")
        }
        return output
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

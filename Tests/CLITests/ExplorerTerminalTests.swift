import Foundation
import Testing

/// D12: the explorer refuses, with a message and exit 1, where it cannot draw (no terminal on
/// stdin or stdout, TERM unset or dumb), and a quit by a signal exits 128 + the signal.
/// `script` gives the explorer a real pseudo-terminal.
@Suite("explorer without a usable terminal (D12)", .serialized)
struct ExplorerTerminalTests {
    /// `infermatrix args…` under `script` (a pty on stdin and stdout), with TERM as given (nil: unset).
    func inPty(_ cli: CLI, _ shell: String, term: String?) throws -> CLI.Result {
        var environment: [String: String] = [:]
        if let term { environment["TERM"] = term }
        let unset = term == nil ? "unset TERM; " : ""
        // sh's $0 takes the binary's path that CLI.run appends; $1 is the command line.
        return try cli.run(["\(unset)\(shell)"], environment: environment,
                           prefix: ["/bin/sh", "-c", "exec /usr/bin/script -qec \"$1\" /dev/null < /dev/null"])
    }

    @Test("stdin not a terminal: an error naming what to use instead, exit 1")
    func noTerminal() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let result = try cli.run(["explore", "--db", db], prefix: ["/bin/sh", "-c", "exec \"$0\" \"$@\" < /dev/null"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("the explorer needs a terminal, and stdin is not one"), "\(result.stderr)")
    }

    @Test("stdout redirected, TERM=dumb, TERM unset: an error and exit 1, the terminal untouched")
    func unusable() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let cases: [(String, String?, String)] = [
            ("'\(CLI.binary)' explore --db '\(db)' > '\(cli.directory)/screen.out'", "xterm-256color", "stdout is redirected"),
            ("'\(CLI.binary)' explore --db '\(db)'", "dumb", "TERM=dumb cannot move the cursor"),
            ("'\(CLI.binary)' explore --db '\(db)'", nil, "TERM is not set"),
        ]
        for (shell, term, message) in cases {
            let result = try inPty(cli, shell, term: term)
            #expect(result.status == 1, "\(term ?? "unset"): \(result.status) \(result.stdout)")
            #expect(result.stdout.contains(message), "\(term ?? "unset"): \(result.stdout)")
            #expect(!result.stdout.contains("\u{1B}[?1049h"), "the alternate screen was entered")
        }
    }

    @Test("quit by SIGTERM or SIGHUP: the exit status is 128 + the signal", arguments: [SIGTERM, SIGHUP])
    func signalExit(signal: Int32) async throws {
        let (cli, db) = try CLI.withParamsDatabase()
        // The shell execs the explorer (same pid, $$), which a background subshell signals.
        let shell = "( sleep 3; kill -\(signal) $$ ) & exec '\(CLI.binary)' explore --db '\(db)'"
        let result = try inPty(cli, shell, term: "xterm-256color")
        #expect(result.status == 128 + signal, "\(result.status) \(result.stdout.suffix(300))")
        #expect(result.stdout.contains("\u{1B}[?1049l"), "the alternate screen was left")
    }
}

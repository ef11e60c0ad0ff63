import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore
import Screen

/// Writing to stdout, stderr and files, and turning errors into `infermatrix: error: …` and exit 1.
///
/// ```swift
/// try Console.run { try ListCommand.list(...) }
/// ```
enum Console {
    static func error(_ message: String) {
        err("infermatrix: error: \(message)\n")
    }

    static func note(_ message: String) {
        err("infermatrix: \(message)\n")
    }

    /// Writes to stderr, unbuffered, cleaned like ``out(_:raw:)`` (messages quote row names);
    /// `raw` for the program's own control sequences. A failure there has nowhere to be reported.
    static func err(_ text: String, raw: Bool = false) {
        _ = writeAll(raw ? text : TerminalSafeText.clean(text), to: STDERR_FILENO)
    }

    /// Runs a command body; an error prints its own message and exits 1: a file error its path and
    /// text, any other its description (ImportError, StoreError, QueryError, OutputError are
    /// `CustomStringConvertible`, so `"\(error)"` is their message).
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
            try checkOutput()
        } catch let error as ExitCode {
            throw error
        } catch let error as CocoaError {
            Self.error("\(error.filePath ?? ""): \(error.localizedDescription)")
            throw ExitCode(1)
        } catch {
            Self.error("\(error)")
            throw ExitCode(1)
        }
    }

    /// Writes `text` to `path` (``OutputFile``'s rules), or to stdout when `path` is nil or `-`.
    /// `raw`: data (CSV, JSON…), cleaned of escape sequences only when stdout is a terminal.
    static func emit(_ text: String, to path: String?, raw: Bool = false) throws {
        guard let path, path != "-" else {
            out(text, raw: raw)
            try checkOutput()
            return
        }
        try OutputFile(path: path).write(Data(text.utf8))
    }

    /// The same for text that `produce` hands over in chunks (UTF-8, whole records): data for
    /// stdout goes out chunk by chunk (`write(2)` per chunk, never the whole text in memory); a
    /// terminal or a file gets it whole (cleaned at once; one atomic write).
    ///
    /// ```swift
    /// try Console.emit(to: nil, raw: true) { sink in try store.export("params", rows: nil, columns: nil, as: .csv, to: sink) }
    /// ```
    static func emit(to path: String?, raw: Bool, _ produce: (([UInt8]) throws -> Void) throws -> Void) throws {
        if path == nil || path == "-", raw, !stdoutIsTerminal {
            try produce { chunk in out(chunk) }
            return try checkOutput()
        }
        var whole: [UInt8] = []
        try produce { whole += $0 }
        try emit(String(decoding: whole, as: UTF8.self), to: path, raw: raw)
    }

    // MARK: - Standard output

    /// The first error writing stdout (errno), kept so every later write is skipped and the
    /// process ends with exit 1 and a message (``checkOutput()``, ``prepareStreams()``'s exit hook).
    nonisolated(unsafe) private static var outputErrno: Int32?
    /// Set once the error has been thrown to be reported: the exit hook does not repeat it.
    nonisolated(unsafe) private static var outputReported = false

    /// Writes to stdout, unbuffered (`write(2)`: no stdio buffer to lose at exit); never traps.
    /// Text goes through ``TerminalSafeText`` unless it is `raw` (CSV, JSON: data) and stdout is
    /// not a terminal: a document's escape sequences never reach one (D9).
    static func out(_ text: String, raw: Bool = false) {
        guard outputErrno == nil else { return }
        let safe = raw && !stdoutIsTerminal ? text : TerminalSafeText.clean(text)
        if let code = writeAll(safe, to: STDOUT_FILENO) { outputErrno = code }
    }

    /// Data bytes to a stdout that is not a terminal (``emit(to:raw:_:)``), as they are.
    private static func out(_ bytes: [UInt8]) {
        guard outputErrno == nil else { return }
        if let code = bytes.withUnsafeBufferPointer({ writeAll($0, to: STDOUT_FILENO) }) { outputErrno = code }
    }

    private static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

    /// errno of the first failed `write(2)`, or nil when all of `text` was written.
    private static func writeAll(_ text: String, to fd: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll($0, to: fd) }
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Int32? {
        OutputFile.writeAll(UnsafeRawBufferPointer(bytes), to: fd)
    }

    /// Raises the first error writing stdout (a full disk, `>&-`, `/dev/full`); stdio buffers
    /// (`print`, ArgumentParser's `--help`) are flushed first so their errors count too.
    /// A closed pipe (`list | head`) ends the process as SIGPIPE would, quietly.
    static func checkOutput() throws {
        if outputErrno == nil, fflush(nil) != 0 { outputErrno = errno == 0 ? EIO : errno }
        guard let code = outputErrno, !outputReported else { return }
        if code == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        outputReported = true
        throw OutputError(code: code)
    }

    struct OutputError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "cannot write to standard output: \(String(cString: strerror(code)))" }
    }

    /// Before anything runs: a closed stdin/stdout/stderr gets /dev/null opened read-only in its
    /// place (so no database file lands on fd 1, and writing there fails and is reported); SIGPIPE
    /// is ignored (a warm worker that died answers EPIPE to its writer instead of killing us, D3);
    /// at exit, output lost by any writer (`print`, ArgumentParser's `--help`) is exit status 1.
    static func prepareStreams() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            _ = open("/dev/null", O_RDONLY)   // the lowest free descriptor: this one
        }
        signal(SIGPIPE, SIG_IGN)
        atexit {
            do { try Console.checkOutput() } catch {
                Console.error("\(error)")
                _exit(1)
            }
        }
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one writer of every file the program writes for the user: `-o` targets of `list` and
/// `export`, the explorer's export dialog, its session file and the saved views.
///
/// A regular file (or a new one) is replaced atomically, through a temporary file renamed over
/// it, so a reader never sees half a file. Anything else is written in place: `/dev/null`,
/// `/dev/stdout`, a FIFO, a terminal stay what they are (renaming over them would replace a device
/// node with a regular file, and a FIFO's reader would get nothing). A symlink is followed: the
/// file it names gets the same rule, and the link stays a link (a dotfiles checkout keeps working).
///
/// ```swift
/// try OutputFile(path: "out.csv").write(Data("a,b\n".utf8))      // atomic
/// try OutputFile(path: "/dev/full").write(data)                   // OutputFileError: No space left on device
/// try OutputFile(path: fifo, waitsForReader: false).write(data)   // no reader yet: an error, not a hang
/// ```
public struct OutputFile: Sendable, Hashable {
    public var path: String
    /// A FIFO nobody reads yet: wait for a reader (the CLI, like a shell's `>`), or fail at once
    /// (the explorer, whose screen must not freeze).
    public var waitsForReader: Bool

    public init(path: String, waitsForReader: Bool = true) {
        self.path = path
        self.waitsForReader = waitsForReader
    }

    /// Writes all of `data` by the rule above.
    ///
    /// - Throws: ``OutputFileError`` naming the path and the system's reason.
    public func write(_ data: Data) throws(OutputFileError) {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            try writeInPlace(data)    // open(2) follows links, /proc/self/fd/1 included
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: regularTarget()), options: .atomic)
        } catch {
            throw OutputFileError(path: path, reason: error.localizedDescription)
        }
    }

    /// The file itself, or the file a symlink names (so the rename lands there, not on the link),
    /// also when that file does not exist yet.
    func regularTarget() -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var target = path
        for _ in 0..<40 {   // a dangling link (chain): its last name, relative to the link's directory
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: target) else { return target }
            target = destination.hasPrefix("/") ? destination
                : ((target as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        return target
    }

    private func writeInPlace(_ data: Data) throws(OutputFileError) {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (waitsForReader ? 0 : O_NONBLOCK))
        guard fd >= 0 else {
            throw errno == ENXIO ? OutputFileError(path: path, reason: "a FIFO nobody is reading") : failure(errno)
        }
        defer { close(fd) }
        if !waitsForReader { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }   // a slow reader is waited for
        if let code = data.withUnsafeBytes({ Self.writeAll($0, to: fd) }) { throw failure(code) }
    }

    /// Writes all of `bytes` to `fd`, again after a short or interrupted write (`write(2)`: no
    /// buffer to lose at exit, nothing that traps); nil, or the errno of the failure.
    ///
    /// ```swift
    /// OutputFile.writeAll(bytes, to: STDOUT_FILENO)   // EPIPE when the reader is gone
    /// ```
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }

    private func failure(_ code: Int32) -> OutputFileError {
        OutputFileError(path: path, reason: String(cString: strerror(code)))
    }
}

/// Why an output file was not written: `/dev/full cannot be written (No space left on device)`.
public struct OutputFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// The system's words (`No space left on device`, `Permission denied`).
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path) cannot be written (\(reason))" }
}

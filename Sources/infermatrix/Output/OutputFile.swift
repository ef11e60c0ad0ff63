import Foundation
import MatrixStore

/// Where `-o FILE` writes: a regular file (or a new one) is replaced atomically, through a
/// temporary file renamed over it, so a reader never sees half a file; anything else is written in
/// place: `/dev/null`, `/dev/stdout`, a FIFO, a terminal stay what they are (renaming over them
/// would replace a device node with a regular file). A symlink is followed: the file it names gets
/// the same rule, and the link stays a link.
///
/// ```swift
/// try OutputFile(path: "out.csv").write(Data("a,b\n".utf8))   // atomic
/// try OutputFile(path: "/dev/full").write(data)                // StoreError: No space left on device
/// ```
struct OutputFile {
    var path: String

    func write(_ data: Data) throws {
        var info = stat()
        do {
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                try writeInPlace(data, to: path)    // open(2) follows links, /proc/self/fd/1 included
            } else {
                try data.write(to: URL(fileURLWithPath: regularTarget()), options: .atomic)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, message: "cannot be written", context: error.localizedDescription)
        }
    }

    /// The file itself, or the regular file a symlink names (so the rename lands there, not on the link).
    private func regularTarget() -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func writeInPlace(_ data: Data, to target: String) throws {
        let fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(errno)
                }
                offset += written
            }
        }
    }

    private func failure(_ code: Int32) -> StoreError {
        StoreError(path: path, message: "cannot be written", context: String(cString: strerror(code)))
    }
}

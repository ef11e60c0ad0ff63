import Foundation
import MatrixCore
import Testing
@testable import Explorer

/// Issue 14's D2 in the explorer: the export dialog and the session file write through a FIFO or a
/// symlink as `infermatrix export -o` does (``OutputFile``), instead of renaming a temporary file
/// over them (which made a FIFO a regular file and a dotfile symlink a copy). No device node is
/// ever a target here: a regression would replace it.
@Suite("explorer output targets: FIFO and symlink written through (D2)")
struct ExportTargetTests {
    let directory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("imx-targets-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// The export dialog's `e` … Enter (and `y` when it asks), each effect performed against the
    /// in-memory source the way the app loop performs it.
    func exportThroughDialog(confirm: Bool) -> ExplorerState {
        var state = ExplorerFixtures.state()
        state.exportDirectory = directory
        var pending = [Action.openExport, .exportConfirm] + (confirm ? [.confirmOverwrite] : [])
        let source = ExplorerFixtures.source
        while !pending.isEmpty {
            for case .writeExport(let request, let overwrite) in state.apply(pending.removeFirst()) {
                do {
                    _ = state.apply(.exportFinished(path: request.path, rows: try source.writeExport(request, overwrite: overwrite)))
                } catch let error as ExportWriteError {
                    _ = state.apply(.exportFailed(error, request))
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
        }
        return state
    }

    func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test("the export dialog into a FIFO: a reading thread gets the CSV, the FIFO stays a FIFO")
    func fifo() async throws {
        let fifo = directory + "/infermatrix-params.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reading end is open before the explorer writes (so its open does not wait), and a
        // spare writer keeps the reader from seeing end-of-file until the explorer is done.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        let spare = open(fifo, O_WRONLY | O_NONBLOCK)
        #expect(reader >= 0 && spare >= 0)
        _ = fcntl(reader, F_SETFL, fcntl(reader, F_GETFL) & ~O_NONBLOCK)
        let read = Task.detached { () -> Data in
            var data = Data(), buffer = [UInt8](repeating: 0, count: 65_536)
            while case let count = Glibc.read(reader, &buffer, buffer.count), count > 0 { data.append(contentsOf: buffer[0..<count]) }
            close(reader)
            return data
        }
        let state = exportThroughDialog(confirm: true)
        close(spare)
        let text = String(decoding: await read.value, as: UTF8.self)
        #expect(text.hasPrefix("Parameter,"), "\(text.prefix(80)) · \(state.statusMessage?.text ?? "")")
        #expect(kind(fifo) == S_IFIFO, "the FIFO became a regular file")
        #expect(state.statusMessage?.text.hasPrefix("Wrote 110 rows to \(fifo)") == true, "\(state.statusMessage?.text ?? "")")
    }

    @Test("the export dialog through a symlink: asked, then the file it names gets the bytes; the link stays a link")
    func symlink() throws {
        let link = directory + "/infermatrix-params.csv"
        try "old\n".write(toFile: directory + "/target.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
        let unconfirmed = exportThroughDialog(confirm: false)
        guard case .confirmOverwrite = unconfirmed.modal else { Issue.record("not asked: \(unconfirmed.modal)"); return }
        #expect(try String(contentsOfFile: directory + "/target.csv", encoding: .utf8) == "old\n")
        _ = exportThroughDialog(confirm: true)
        #expect(kind(link) == S_IFLNK, "the link became a regular file")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.csv")
        #expect(try String(contentsOfFile: directory + "/target.csv", encoding: .utf8).hasPrefix("Parameter,"))
    }

    @Test("the session file kept as a symlink (a dotfiles checkout) stays a link; its target gets the session")
    func sessionSymlink() throws {
        try FileManager.default.createDirectory(atPath: directory + "/dotfiles", withIntermediateDirectories: true)
        try "{}".write(toFile: directory + "/dotfiles/session.json", atomically: false, encoding: .utf8)
        let link = directory + "/session.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "dotfiles/session.json")
        let session = SessionState(ExplorerFixtures.run(ExplorerFixtures.state(), [.nextTab]).0)
        try session.save(to: URL(fileURLWithPath: link))
        #expect(kind(link) == S_IFLNK, "the link became a regular file")
        #expect(SessionState.load(from: URL(fileURLWithPath: directory + "/dotfiles/session.json")) == session)
    }
}

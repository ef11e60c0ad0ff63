import Foundation
import Testing
@testable import MatrixCore

/// The one output-file writer's rule (D2): regular files atomically, everything else in place, a
/// symlink followed. The CLI's `-o` and the explorer's writers are tested through it elsewhere
/// (OutputFaultTests, ExportTargetTests); these are the cases only the writer itself can show.
/// No device node is a target here: a regression would replace it.
@Suite("OutputFile")
struct OutputFileTests {
    /// A fresh directory of this test's own (mkdtemp(3)).
    let directory = String(cString: mkdtemp(strdup(NSTemporaryDirectory() + "/imx-output-XXXXXX")))

    @Test("a dangling symlink: the file it names is created; the link stays a link")
    func danglingLink() throws {
        let link = directory + "/out.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/out.csv")
        try FileManager.default.createDirectory(atPath: directory + "/real", withIntermediateDirectories: true)
        try OutputFile(path: link).write(Data("a,b\n".utf8))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/out.csv")
        #expect(try String(contentsOfFile: directory + "/real/out.csv", encoding: .utf8) == "a,b\n")
    }

    @Test("a FIFO nobody reads: an error naming it at once when the caller cannot wait; the FIFO stays")
    func fifoWithoutReader() throws {
        let fifo = directory + "/out.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: OutputFileError(path: fifo, reason: "a FIFO nobody is reading")) {
            try OutputFile(path: fifo, waitsForReader: false).write(Data("x".utf8))
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test("a regular file is replaced whole; a missing directory is an error naming the file")
    func regularFile() throws {
        let file = directory + "/out.csv"
        try "old, longer than the new text\n".write(toFile: file, atomically: false, encoding: .utf8)
        try OutputFile(path: file).write(Data("new\n".utf8))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "new\n")
        let missing = directory + "/no/such/dir/out.csv"
        let error = #expect(throws: OutputFileError.self) { try OutputFile(path: missing).write(Data("x".utf8)) }
        #expect(error?.description.hasPrefix("\(missing) cannot be written (") == true, "\(String(describing: error))")
    }
}

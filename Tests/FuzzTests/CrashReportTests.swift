import FuzzTargets
import Foundation
import Testing

/// The long run's crash report, end to end: `matrix-fuzz` (the debug build `swift build` makes)
/// on its `trap` target, which traps on purpose, must die of the trap having written the input
/// to a file and printed the target, seed, stream index and the rerun command; the rerun on that
/// file must trap again.
@Suite("matrix-fuzz: a crash reports target, seed and input")
struct CrashReportTests {
    static let binary = FuzzTarget.repository.appendingPathComponent(".build/debug/matrix-fuzz").path

    /// Runs matrix-fuzz; returns its termination (status or signal) and its stderr.
    static func fuzz(_ arguments: [String]) throws -> (reason: Process.TerminationReason, status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ["SWIFT_BACKTRACE": "enable=no"]   // the report only, not the runtime's backtrace
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus, text)
    }

    @Test("the trap target's crash writes its input and the rerun command, and the rerun traps again")
    func trapReported() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-crash-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Self.fuzz(["--target", "trap", "--seed", "3", "--count", "100000", "--crash-dir", directory.path])
        #expect(run.reason == .uncaughtSignal && (run.status == SIGILL || run.status == SIGTRAP), "\(run)")
        let file = directory.appendingPathComponent("crash-trap-3.bin")
        #expect(run.stderr.contains("CRASH in target trap, seed 3, input #"), "\(run.stderr)")
        #expect(run.stderr.contains("--target trap --input \(file.path)"), "\(run.stderr)")
        let input = try Data(contentsOf: file)
        #expect(!input.isEmpty && input.count % 97 == 0)

        let rerun = try Self.fuzz(["--target", "trap", "--input", file.path])
        #expect(rerun.reason == .uncaughtSignal, "\(rerun)")
        #expect(rerun.stderr.contains("trapped on purpose"), "\(rerun.stderr)")
    }

    @Test("a saved input that does not crash is answered and the run exits 0")
    func rerunAnswers() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-input-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("status:failed".utf8).write(to: file)
        let rerun = try Self.fuzz(["--target", "query", "--input", file.path])
        #expect(rerun.reason == .exit && rerun.status == 0, "\(rerun)")
    }
}

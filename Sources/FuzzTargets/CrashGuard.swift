#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Saves the input that crashed a fuzz target. The run is in-process, so a trap (a Swift runtime
/// check: SIGILL/SIGTRAP), a stack overflow (SIGSEGV on the alternate stack) or an abort ends it —
/// that is the finding. Before the process dies, the signal handler writes the input being run to
/// `DIRECTORY/crash-TARGET-SEED.bin` and prints the target, seed, stream index and the command that
/// reruns that one input; then it puts back the previous handler (the Swift runtime's backtracer)
/// so the trap is reported as usual.
///
/// ```swift
/// CrashGuard.install(directory: "/tmp")
/// fuzzer.run(1_000_000, guarded: true)   // copies each input aside first (a memcpy)
/// ```
/// The handler only calls async-signal-safe functions (open, write, close, sigaction) on buffers
/// prepared before the input runs. One guarded fuzzer at a time: the state is process-wide.
public enum CrashGuard {
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]
    nonisolated(unsafe) static var directory = "/tmp"
    nonisolated(unsafe) static var input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
    nonisolated(unsafe) static var length = 0
    nonisolated(unsafe) static var index = 0
    nonisolated(unsafe) static var path: [CChar] = [0]
    nonisolated(unsafe) static var before: [CChar] = [0]
    nonisolated(unsafe) static var after: [CChar] = [0]
    nonisolated(unsafe) static var digits = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 24)
    nonisolated(unsafe) static var previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 6)

    /// Installs the handler for the crash signals, on an alternate stack (a stack overflow must
    /// still be able to write its report). `directory` receives the crashing input.
    public static func install(directory: String) {
        self.directory = directory
        let size = 1 << 17
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        sigaltstack(&stack, nil)
        for (slot, number) in signals.enumerated() {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { CrashGuard.report($0) }
            #else
            action.__sigaction_u.__sa_handler = { CrashGuard.report($0) }
            #endif
            action.sa_flags = Int32(SA_ONSTACK)
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, previous + slot)
        }
    }

    /// Prepares the report's text for `target` (called before its inputs run, not in the handler).
    static func arm(target: String, seed: UInt64) {
        let file = "\(directory)/crash-\(target)-\(seed).bin"
        path = Array(file.utf8CString)
        before = Array("\nmatrix-fuzz: CRASH in target \(target), seed \(seed), input #".utf8CString)
        after = Array("""
             (stream index; the first is #0)
            matrix-fuzz: the input (bytes) is in \(file)
            matrix-fuzz: rerun that input: .build/release/matrix-fuzz --target \(target) --input \(file)
            matrix-fuzz: rerun the stream: .build/release/matrix-fuzz --target \(target) --seed \(seed)

            """.utf8CString)
    }

    /// Copies `bytes` aside as the input now running (`index` in its target's stream).
    static func hold(_ bytes: [UInt8], index: Int) {
        if bytes.count > input.count {
            input.deallocate()
            input = .allocate(capacity: bytes.count * 2)
        }
        _ = bytes.withUnsafeBytes { memcpy(input.baseAddress!, $0.baseAddress!, $0.count) }
        length = bytes.count
        self.index = index
    }

    static func report(_ number: Int32) {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if file >= 0 {
            _ = write(file, input.baseAddress, length)
            close(file)
        }
        _ = write(2, before, strlen(before))
        var value = index, at = digits.count
        repeat {
            at -= 1
            digits[at] = UInt8(48 + value % 10)
            value /= 10
        } while value > 0 && at > 0
        _ = write(2, digits.baseAddress! + at, digits.count - at)
        _ = write(2, after, strlen(after))
        // Back to the runtime's handler: returning re-runs a faulting instruction under it; a
        // trap that has moved past its instruction, or an abort, is raised again.
        if let slot = signals.firstIndex(of: number) { sigaction(number, previous + slot, nil) }
        if number == SIGTRAP || number == SIGABRT { raise(number) }
    }
}

import Foundation

/// Runs one `FuzzTarget` on its own deterministic stream of mutated inputs and keeps its figures.
/// The stream depends only on the run's seed and the target's name, so the CI suite, the long run
/// and a rerun with the same seed see the same inputs in the same order, however the runs are
/// interleaved.
///
/// ```swift
/// var fuzzer = Fuzzer(try FuzzTarget.all()[5], seed: 14)   // the query parser
/// fuzzer.run(2_000)
/// print(fuzzer.figures)   // "fuzz query: 2000 inputs, 1187 accepted, 813 refused, 0 crashes, …"
/// ```
public struct Fuzzer {
    public let target: FuzzTarget
    public let seed: UInt64
    /// Inputs run so far, and how many of them the target accepted (the rest it refused).
    public private(set) var done = 0
    public private(set) var accepted = 0
    /// CPU time spent in the target (this thread's, so a loaded machine does not inflate it), and
    /// its slowest single input (index in the stream, CPU seconds).
    public private(set) var seconds = 0.0
    public private(set) var slowest = (index: 0, seconds: 0.0)
    /// Bytes of input run so far (their mean says how large the mutated inputs grow).
    public private(set) var bytes = 0
    var mutator: Mutator

    public init(_ target: FuzzTarget, seed: UInt64) {
        self.target = target
        self.seed = seed
        mutator = Mutator(seed: seed &+ UInt64(target.name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF),
                          corpus: target.corpus)
    }

    public var refused: Int { done - accepted }

    /// Runs the next `count` inputs, or fewer if `stop` says so (checked before each). With
    /// `guarded`, each input is first handed to `CrashGuard` (installed by the caller), so that a
    /// trap writes it to a file before the process dies.
    public mutating func run(_ count: Int, guarded: Bool = false, stop: () -> Bool = { false }) {
        if guarded { CrashGuard.arm(target: target.name, seed: seed) }
        for _ in 0..<count where !stop() {
            let input = mutator.next()
            if guarded { CrashGuard.hold(input, index: done) }
            bytes += input.count
            let start = Self.cpuSeconds()
            if target.accepts(input) { accepted += 1 }
            let taken = Self.cpuSeconds() - start
            seconds += taken
            if taken > slowest.seconds { slowest = (done, taken) }
            done += 1
        }
    }

    /// This thread's CPU time (a system call, ~0.3 µs: small beside the cheapest target's ~100 µs).
    static func cpuSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    /// One line: `fuzz NAME: N inputs, A accepted, R refused, 0 crashes, S CPU s, slowest M ms (#I), mean B bytes, seed X`.
    /// (A crash never gets here: it ends the process through `CrashGuard`'s report.)
    public var figures: String {
        "fuzz \(target.name): \(done) inputs, \(accepted) accepted, \(refused) refused, 0 crashes, "
            + String(format: "%.1f CPU s (%.3f ms an input), slowest %.2f ms (#%d), mean %d bytes, seed %llu",
                     seconds, seconds * 1000 / Double(max(1, done)), slowest.seconds * 1000, slowest.index, bytes / max(1, done), seed)
    }
}

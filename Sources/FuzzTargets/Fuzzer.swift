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
    /// Time spent in the target, and its slowest single input (index in the stream, seconds).
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
        let clock = ContinuousClock()
        for _ in 0..<count where !stop() {
            let input = mutator.next()
            if guarded { CrashGuard.hold(input, index: done) }
            bytes += input.count
            let start = clock.now
            if target.accepts(input) { accepted += 1 }
            let elapsed = start.duration(to: clock.now)
            let taken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            seconds += taken
            if taken > slowest.seconds { slowest = (done, taken) }
            done += 1
        }
    }

    /// One line: `fuzz NAME: N inputs, A accepted, R refused, 0 crashes, S s, slowest M ms (#I), mean B bytes, seed X`.
    /// (A crash never gets here: it ends the process through `CrashGuard`'s report.)
    public var figures: String {
        "fuzz \(target.name): \(done) inputs, \(accepted) accepted, \(refused) refused, 0 crashes, "
            + String(format: "%.1f s, slowest %.2f ms (#%d), mean %d bytes, seed %llu",
                     seconds, slowest.seconds * 1000, slowest.index, bytes / max(1, done), seed)
    }
}

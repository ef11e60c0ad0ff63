import FuzzTargets
import Foundation

/// `matrix-fuzz`: the long fuzz run, outside CI, in a plain release build (the CI suite `FuzzTests`
/// runs the same `FuzzTarget`s for 2,000 inputs each from fixed seeds). The targets take turns in
/// blocks, so a run stopped early (SIGINT/SIGTERM: it prints the figures so far) has advanced
/// every target alike. A crash ends the run: `CrashGuard` writes the input to a file and prints the
/// target, seed, stream index and the rerun command.
///
/// ```sh
/// swift build -c release --product matrix-fuzz
/// .build/release/matrix-fuzz --count 1000000 --seed 42      # every target, 10^6 inputs each
/// .build/release/matrix-fuzz --target query --seed 42        # one target's stream
/// .build/release/matrix-fuzz --target results --input crash-results-42.bin   # one input
/// ```
@main
enum MatrixFuzz {
    nonisolated(unsafe) static var stopping: sig_atomic_t = 0

    static let usage = """
        usage: matrix-fuzz [--count N] [--seed S] [--target NAME]... [--block N] [--crash-dir DIR]
               matrix-fuzz --target NAME --input FILE
               matrix-fuzz --list     (the targets' names, one a line)
        """

    static func main() throws {
        var count = 1_000_000, block = 1_000, names: [String] = []
        var seed = UInt64(Date().timeIntervalSince1970), input: String?
        var crashDirectory = FileManager.default.temporaryDirectory.path
        var arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "--list" { return try FuzzTarget.all().forEach { print($0.name) } }
        while let option = arguments.popFirst() {
            guard let value = arguments.popFirst() else { fail("\(option) needs a value") }
            switch option {
            case "--count": count = number(option, value)
            case "--seed": seed = number(option, value)
            case "--block": block = max(1, number(option, value))
            case "--target": names.append(value)
            case "--input": input = value
            case "--crash-dir": crashDirectory = value
            default: fail("unknown option \(option)")
            }
        }
        let all = try FuzzTarget.all() + [trap]
        for name in names where !all.contains(where: { $0.name == name }) {
            fail("no target \(name) (targets: \(all.map(\.name).joined(separator: ", ")))")
        }
        let targets = names.isEmpty ? all.filter { $0.name != trap.name } : all.filter { names.contains($0.name) }
        if let input { return try rerun(input, targets: targets) }

        try FileManager.default.createDirectory(atPath: crashDirectory, withIntermediateDirectories: true)
        CrashGuard.install(directory: crashDirectory)
        for number in [SIGINT, SIGTERM] { signal(number) { _ in MatrixFuzz.stopping = 1 } }
        var fuzzers = targets.map { Fuzzer($0, seed: seed) }
        print("matrix-fuzz: \(count) inputs per target, seed \(seed), targets \(targets.map(\.name).joined(separator: " ")), "
              + "crashing inputs to \(crashDirectory)")
        fflush(nil)
        let started = Date()
        var reported = started
        while stopping == 0, fuzzers.contains(where: { $0.done < count }) {
            for slot in fuzzers.indices where stopping == 0 {
                fuzzers[slot].run(min(block, count - fuzzers[slot].done), guarded: true) { stopping != 0 }
            }
            if Date().timeIntervalSince(reported) >= 60 {
                reported = Date()
                let progress = fuzzers.map { "\($0.target.name) \($0.done) (\(Int($0.seconds)) CPU s)" }.joined(separator: ", ")
                FileHandle.standardError.write(Data("fuzz progress \(Int(reported.timeIntervalSince(started))) s: \(progress)\n".utf8))
            }
        }
        for fuzzer in fuzzers { print(fuzzer.figures) }
        print("matrix-fuzz: \(stopping == 0 ? "done" : "STOPPED early"), \(Int(Date().timeIntervalSince(started))) s wall, "
              + "\(fuzzers.map(\.done).reduce(0, +)) inputs, 0 crashes")
        if stopping != 0 { exit(130) }
    }

    /// A target that traps on purpose (on a non-empty input whose length is a multiple of 97), to check
    /// the crash report end to end (`FuzzTests`); never part of a default run.
    static let trap = FuzzTarget("trap", corpus: [Array("status:failed".utf8)]) { bytes in
        precondition(bytes.isEmpty || bytes.count % 97 != 0, "matrix-fuzz: the trap target trapped on purpose")
        return true
    }

    /// Runs one saved input through each named target and says what it answered.
    static func rerun(_ path: String, targets: [FuzzTarget]) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        for target in targets {
            print("matrix-fuzz: \(target.name) on \(path) (\(bytes.count) bytes): \(target.accepts(bytes) ? "accepted" : "refused")")
        }
    }

    static func number<Value: LosslessStringConvertible>(_ option: String, _ value: String) -> Value {
        guard let number = Value(value) else { fail("\(option): not a number: \(value)") }
        return number
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("matrix-fuzz: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
}

import Foundation
import MatrixCore
@testable import LiveTest

/// How the engine tests reach the real harness: the repository's `harness/` package run by the
/// Python of `INFERMATRIX_PYTHON`, or else of the virtual environment `scripts/setup-harness.sh`
/// prepares (created on first need, as the program itself would).
enum HarnessFixture {
    /// The repository root, from this file's path (`INFERMATRIX_HARNESS_DIR` overrides it).
    static var root: String {
        if let root = ProcessInfo.processInfo.environment[HarnessEnvironment.rootVariable], !root.isEmpty { return root }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// A runner over the real harness, CPU only, with no NVML so runs are alike everywhere; its
    /// harness fires `hook` (harness/hooks.py) when set.
    static func runner(hook: String? = nil) -> TestRunner {
        var variables = ProcessInfo.processInfo.environment
        variables[HarnessEnvironment.rootVariable] = root
        if let hook { variables["INFERMATRIX_HARNESS_HOOK"] = hook }
        return TestRunner(variables: variables, makeSampler: { TelemetrySampler(library: "/nonexistent/libnvidia-ml.so.1") })
    }

    static func request(_ row: String, timeout: Double = 300) -> TestRunRequest {
        TestRunRequest(matrix: "params", row: row, backend: "pytorch", device: "cpu", timeout: timeout)
    }
}

extension ProcessGroup {
    /// Polls until no process of the group is left (zombies, already dead, excluded), for at most `limit`.
    func vanishes(within limit: Duration = .seconds(1)) async -> Bool {
        let start = ContinuousClock.now
        while !members().isEmpty {
            if ContinuousClock.now - start > limit { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

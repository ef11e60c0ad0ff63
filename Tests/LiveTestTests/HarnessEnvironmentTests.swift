import Foundation
import MatrixCore
import Testing
@testable import LiveTest

/// Locating and preparing the harness's Python, with real files and a real set-up script.
@Suite("The harness's Python environment", .serialized)
struct HarnessEnvironmentTests {
    /// A directory holding `harness/__main__.py`, and optionally a set-up script.
    static func makeRoot(setupScript: String? = nil) throws -> String {
        let root = NSTemporaryDirectory() + "livetest-env-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/harness", withIntermediateDirectories: true)
        try "".write(toFile: root + "/harness/__main__.py", atomically: true, encoding: .utf8)
        if let setupScript {
            try FileManager.default.createDirectory(atPath: root + "/scripts", withIntermediateDirectories: true)
            try setupScript.write(toFile: root + "/" + HarnessEnvironment.setupScript, atomically: true, encoding: .utf8)
        }
        return root
    }

    static var path: String { ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin" }

    @Test("INFERMATRIX_PYTHON wins, and must be executable")
    func pythonOverride() async throws {
        let root = try Self.makeRoot()
        let python = HarnessEnvironment.systemPython(variables: ["PATH": Self.path])
        let env = try await HarnessEnvironment.prepare(
            variables: ["INFERMATRIX_HARNESS_DIR": root, "INFERMATRIX_PYTHON": try #require(python)]) { _ in }
        #expect(env == HarnessEnvironment(root: root, python: try #require(python)))
        await #expect(throws: LiveTestError.pythonNotExecutable(root + "/harness/__main__.py")) {
            try await HarnessEnvironment.prepare(
                variables: ["INFERMATRIX_HARNESS_DIR": root, "INFERMATRIX_PYTHON": root + "/harness/__main__.py"]) { _ in }
        }
    }

    @Test("vLLM cells run with the vLLM venv where one is prepared; other backends keep the harness venv")
    func vllmVenv() throws {
        let root = try Self.makeRoot()
        let data = NSTemporaryDirectory() + "livetest-data-\(UUID().uuidString)"
        let python = try #require(HarnessEnvironment.systemPython(variables: ["PATH": Self.path]))
        func venv(_ name: String) throws -> String {
            try FileManager.default.createDirectory(atPath: "\(data)/infermatrix/\(name)/bin", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: "\(data)/infermatrix/\(name)/bin/python", withDestinationPath: python)
            return "\(data)/infermatrix/\(name)/bin/python"
        }
        let harness = try venv("venv")
        let variables = ["XDG_DATA_HOME": data]
        #expect(try HarnessEnvironment.locate(root: root, backend: "vllm", variables: variables)?.python == harness)
        let vllm = try venv("venv-vllm")
        #expect(try HarnessEnvironment.locate(root: root, backend: "vllm", variables: variables)?.python == vllm)
        #expect(try HarnessEnvironment.locate(root: root, backend: "pytorch", variables: variables)?.python == harness)
        var overridden = variables
        overridden["INFERMATRIX_VLLM_PYTHON"] = python
        #expect(try HarnessEnvironment.locate(root: root, backend: "vllm", variables: overridden)?.python == python)
        overridden["INFERMATRIX_PYTHON"] = harness
        #expect(try HarnessEnvironment.locate(root: root, backend: "vllm", variables: overridden)?.python == harness)
        overridden = variables
        overridden["INFERMATRIX_VLLM_PYTHON"] = "/nonexistent/python"
        #expect(throws: LiveTestError.pythonNotExecutable("/nonexistent/python", variable: "INFERMATRIX_VLLM_PYTHON")) {
            try HarnessEnvironment.locate(root: root, backend: "vllm", variables: overridden)
        }
        #expect(LiveTestError.pythonNotExecutable("/x", variable: "INFERMATRIX_VLLM_PYTHON").description
                == "INFERMATRIX_VLLM_PYTHON=/x is not an executable file")
    }

    @Test("no venv and no python3 on PATH is a clear error")
    func noPython() async throws {
        let root = try Self.makeRoot(setupScript: "exit 0\n")
        await #expect(throws: LiveTestError.noPython) {
            try await HarnessEnvironment.prepare(variables: ["INFERMATRIX_HARNESS_DIR": root, "PATH": "/nonexistent"]) { _ in }
        }
        #expect(LiveTestError.noPython.description.contains("INFERMATRIX_PYTHON"))
    }

    @Test("the first run prepares the venv with the set-up script, its output shown line by line")
    func firstRunPrepares() async throws {
        let python = try #require(HarnessEnvironment.systemPython(variables: ["PATH": Self.path]))
        let root = try Self.makeRoot(setupScript: """
            echo "creating .venv"
            mkdir -p .venv/bin && ln -s \(python) .venv/bin/python
            echo "installing torch" >&2
            echo done
            """)
        let lines = LinesBox()
        let env = try await HarnessEnvironment.prepare(variables: ["INFERMATRIX_HARNESS_DIR": root, "PATH": Self.path]) {
            lines.append($0)
        }
        #expect(env.python == root + "/.venv/bin/python")
        #expect(lines.all.contains("creating .venv"))
        #expect(lines.all.contains("installing torch"))
        #expect(lines.all.last == "done")
        // Once prepared, nothing runs again.
        let again = LinesBox()
        _ = try await HarnessEnvironment.prepare(variables: ["INFERMATRIX_HARNESS_DIR": root, "PATH": Self.path]) { again.append($0) }
        #expect(again.all.isEmpty)
    }

    @Test("the Python path the set-up script prints last is the one used")
    func printedPython() async throws {
        let python = try #require(HarnessEnvironment.systemPython(variables: ["PATH": Self.path]))
        let root = try Self.makeRoot(setupScript: """
            mkdir -p "$XDG_DATA_HOME/infermatrix/venv/bin" && ln -s \(python) "$XDG_DATA_HOME/infermatrix/venv/bin/python"
            echo "[setup-harness] ready" >&2
            echo "$XDG_DATA_HOME/infermatrix/venv/bin/python"
            """)
        let data = root + "/data-home"
        let variables = ["INFERMATRIX_HARNESS_DIR": root, "PATH": Self.path, "XDG_DATA_HOME": data]
        let env = try await HarnessEnvironment.prepare(variables: variables) { _ in }
        #expect(env.python == data + "/infermatrix/venv/bin/python")
        #expect(try HarnessEnvironment.locate(root: root, variables: variables) == env)
    }

    @Test("a failing set-up script is an error with its last lines")
    func failingSetup() async throws {
        let root = try Self.makeRoot(setupScript: "echo 'pip: no matching distribution for torch'\nexit 3\n")
        do {
            _ = try await HarnessEnvironment.prepare(variables: ["INFERMATRIX_HARNESS_DIR": root, "PATH": Self.path]) { _ in }
            Issue.record("a failed set-up was accepted")
        } catch let error as LiveTestError {
            guard case .setupFailed(_, let lines) = error else { Issue.record("\(error)"); return }
            #expect(lines == ["pip: no matching distribution for torch"])
        }
    }

    @Test("cancelling during set-up stops the script's whole process group")
    func cancelDuringSetup() async throws {
        let root = try Self.makeRoot(setupScript: "echo installing\nsleep 30\necho never\n")
        let runner = TestRunner(variables: ["INFERMATRIX_HARNESS_DIR": root, "PATH": Self.path],
                                makeSampler: { TelemetrySampler(library: "/nonexistent") })
        let run = runner.start(HarnessFixture.request("streaming=True"))
        var cancelledAt: ContinuousClock.Instant?
        var setupPID: Int32?
        for await update in run.updates {
            if case .setup("installing") = update {
                setupPID = run.processID
                cancelledAt = .now
                run.cancel()
            }
        }
        let verdict = await run.result
        #expect(verdict.status == .error)
        #expect(verdict.reason == "cancelled")
        #expect(ContinuousClock.now - (try #require(cancelledAt)) < .seconds(1.5))
        #expect(await ProcessGroup(id: try #require(setupPID)).vanishes(within: .seconds(1)))
    }

    @Test("a run that cannot start is an error verdict, not a crash")
    func runCannotStart() async throws {
        let root = try Self.makeRoot()
        let runner = TestRunner(variables: ["INFERMATRIX_HARNESS_DIR": root, "INFERMATRIX_PYTHON": "/nonexistent/python"],
                                makeSampler: { TelemetrySampler(library: "/nonexistent") })
        let verdict = await runner.start(HarnessFixture.request("streaming=True")).result
        #expect(verdict.status == .error)
        #expect(verdict.reason == "INFERMATRIX_PYTHON=/nonexistent/python is not an executable file")
    }
}

/// Collects progress lines from a `@Sendable` callback.
final class LinesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

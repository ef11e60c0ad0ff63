import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Where the harness lives and which Python runs it.
///
/// The Python is, in order: `INFERMATRIX_PYTHON`; for the vLLM backend, `INFERMATRIX_VLLM_PYTHON`
/// or the venv `scripts/setup-vllm-cpu.sh` prepares (`…/infermatrix/venv-vllm`) when it exists
/// (vLLM pins its own torch, so it lives apart); the virtual environment that
/// `scripts/setup-harness.sh` prepares (`$XDG_DATA_HOME/infermatrix/venv`, by default
/// `~/.local/share/infermatrix/venv`; or a `.venv` beside the harness); otherwise
/// ``prepare(variables:progress:)`` runs that script first (its output is shown as progress,
/// never hidden) and uses the Python path it prints last.
///
/// ```swift
/// let env = try await HarnessEnvironment.prepare { line in print("setup: \(line)") }
/// env.python       // "/src/infermatrix/.venv-harness/bin/python"
/// ```
public struct HarnessEnvironment: Sendable, Hashable {
    /// Overrides the Python that runs the harness.
    public static let pythonVariable = "INFERMATRIX_PYTHON"
    /// Overrides the directory that holds `harness/`.
    public static let rootVariable = "INFERMATRIX_HARNESS_DIR"
    /// Virtual environments looked for under the root, after the user's data directory.
    public static let venvCandidates = [".venv-harness", ".venv", "harness/.venv"]

    /// Overrides the Python that runs vLLM cells (when `INFERMATRIX_PYTHON` is not set).
    public static let vllmPythonVariable = "INFERMATRIX_VLLM_PYTHON"

    /// The venv `scripts/setup-harness.sh` creates by default: `${XDG_DATA_HOME:-~/.local/share}/infermatrix/venv`;
    /// `name: "venv-vllm"` gives the one `scripts/setup-vllm-cpu.sh` creates beside it.
    public static func dataVenv(variables: [String: String], name: String = "venv") -> String? {
        if let data = variables["XDG_DATA_HOME"], !data.isEmpty { return "\(data)/infermatrix/\(name)" }
        if let home = variables["HOME"], !home.isEmpty { return "\(home)/.local/share/infermatrix/\(name)" }
        return nil
    }
    /// The set-up script, relative to the root.
    public static let setupScript = "scripts/setup-harness.sh"

    /// The directory holding the `harness/` package: the harness runs with it as working directory.
    public var root: String
    public var python: String

    public init(root: String, python: String) {
        self.root = root
        self.python = python
    }

    // MARK: - Locating

    /// The harness root: `INFERMATRIX_HARNESS_DIR`, else the first of the working directory, the
    /// executable's directory and their parents that holds `harness/__main__.py`.
    public static func findRoot(variables: [String: String] = ProcessInfo.processInfo.environment) throws(LiveTestError) -> String {
        if let root = variables[rootVariable], !root.isEmpty { return root }
        var searched: [String] = []
        let starts = [FileManager.default.currentDirectoryPath,
                      URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
                        .deletingLastPathComponent().path]
        for start in starts {
            var url = URL(fileURLWithPath: start).standardizedFileURL
            while true {
                searched.append(url.path)
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("harness/__main__.py").path) {
                    return url.path
                }
                let parent = url.deletingLastPathComponent()
                if parent.path == url.path { break }
                url = parent
            }
        }
        throw .harnessNotFound(searched: Array(searched.prefix(6)))
    }

    /// The prepared environment if there is one; `nil` when the venv still has to be created.
    /// `backend` picks the vLLM venv for `vllm` where one is prepared (see the type's overview).
    public static func locate(root: String, backend: String? = nil,
                              variables: [String: String] = ProcessInfo.processInfo.environment) throws(LiveTestError) -> HarnessEnvironment? {
        if let python = variables[pythonVariable], !python.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: python) else { throw .pythonNotExecutable(python) }
            return HarnessEnvironment(root: root, python: python)
        }
        if backend == "vllm" {
            if let python = variables[vllmPythonVariable], !python.isEmpty {
                guard FileManager.default.isExecutableFile(atPath: python) else {
                    throw .pythonNotExecutable(python, variable: vllmPythonVariable)
                }
                return HarnessEnvironment(root: root, python: python)
            }
            if let venv = dataVenv(variables: variables, name: "venv-vllm"),
               FileManager.default.isExecutableFile(atPath: "\(venv)/bin/python") {
                return HarnessEnvironment(root: root, python: "\(venv)/bin/python")
            }
        }
        let venvs = [dataVenv(variables: variables)].compactMap { $0 } + venvCandidates.map { "\(root)/\($0)" }
        for venv in venvs {
            let python = "\(venv)/bin/python"
            if FileManager.default.isExecutableFile(atPath: python) { return HarnessEnvironment(root: root, python: python) }
        }
        return nil
    }

    /// `python3` on `PATH`, or `nil`.
    public static func systemPython(variables: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for directory in (variables["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    // MARK: - Preparing

    static func keys(_ variables: [String: String]) -> [Environment.Key: String] {
        Dictionary(uniqueKeysWithValues: variables.map { (Environment.Key(stringLiteral: $0.key), $0.value) })
    }

    /// The environment a harness process runs with: `variables`, and Python's output unbuffered so
    /// each event line arrives when it is written.
    static func processEnvironment(_ variables: [String: String]) -> Environment {
        .custom(keys(variables.merging(["PYTHONUNBUFFERED": "1"]) { _, new in new }))
    }

    /// Spawn options for a child that leads a process group of its own (pgid == pid), so that
    /// cancelling kills it and every process it started.
    static var ownProcessGroup: PlatformOptions {
        var options = PlatformOptions()
        options.processGroupID = 0
        return options
    }

    /// Locates the environment, creating it with `scripts/setup-harness.sh` on first need.
    ///
    /// - Parameter progress: every line the script prints (stdout and stderr), as it prints it.
    /// - Throws: ``LiveTestError`` — no harness, no Python, or the script failed.
    /// - Parameter onSpawn: the script's pid, which leads its own process group, so a caller can
    ///   cancel a long install (``ProcessGroup/terminate(grace:)``).
    public static func prepare(variables: [String: String] = ProcessInfo.processInfo.environment,
                               backend: String? = nil,
                               onSpawn: @escaping @Sendable (Int32) -> Void = { _ in },
                               progress: @escaping @Sendable (String) -> Void) async throws -> HarnessEnvironment {
        let root = try findRoot(variables: variables)
        if let ready = try locate(root: root, backend: backend, variables: variables) { return ready }
        guard systemPython(variables: variables) != nil else { throw LiveTestError.noPython }
        let script = "\(root)/\(setupScript)"
        guard FileManager.default.fileExists(atPath: script) else {
            throw LiveTestError.setupFailed(status: "\(setupScript) is missing", lastLines: [])
        }
        progress("preparing the harness's Python environment (first run): \(setupScript)")
        let result = try await run(
            .name("bash"), arguments: Arguments([script]), environment: .custom(Self.keys(variables)),
            workingDirectory: FilePath(root), platformOptions: Self.ownProcessGroup,
            input: .none, output: .sequence, error: .combinedWithOutput
        ) { execution in
            onSpawn(execution.processIdentifier.value)
            var tail = LineTail(capacity: 20)
            for try await line in execution.standardOutput.strings() {
                tail.append(line)
                progress(line)
            }
            return tail.lines
        }
        guard result.terminationStatus.isSuccess else {
            throw LiveTestError.setupFailed(status: "\(result.terminationStatus)", lastLines: result.closureResult)
        }
        // The script prints the venv's Python as its last line.
        if let printed = result.closureResult.last?.trimmingCharacters(in: .whitespaces),
           printed.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: printed) {
            return HarnessEnvironment(root: root, python: printed)
        }
        guard let ready = try locate(root: root, variables: variables) else {
            throw LiveTestError.setupFailed(status: "no virtual environment after the script ran", lastLines: result.closureResult)
        }
        return ready
    }
}

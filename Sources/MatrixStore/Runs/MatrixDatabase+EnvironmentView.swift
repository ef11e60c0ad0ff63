import Foundation
import MatrixCore

/// Views of a stored matrix over its environments (``EnvironmentView``), and this machine's own.
extension MatrixDatabase {
    /// The view of matrix `name` showing the `environments` a person named (names, normalized
    /// names, aliases or keys; see ``EnvironmentIndex/lookup(_:)``).
    ///
    /// ```swift
    /// try store.view("params", environments: ["doc", "cpu-vllm-0.32"]).grid.columns.count   // 4
    /// ```
    /// - Throws: ``EnvironmentError`` for an unknown name (listing the known ones), ``StoreError``.
    public func view(_ name: String, environments typed: [String], aliases: [String: String] = [:]) throws -> EnvironmentView {
        try EnvironmentView(imported: try loadGrid(name), document: try documentEnvironment(name), table: try verdictTable(name),
                            index: try environmentIndex(name, aliases: aliases), named: typed)
    }

    /// The environment of this machine for `name`'s runs: that of the latest run recorded on this
    /// host whose device class matches this machine (a GPU run needs an NVIDIA driver here).
    /// `nil` when this machine has no runs of the matrix.
    public func thisMachineEnvironment(_ name: String, host: String = ProcessInfo.processInfo.hostName) throws -> Environment? {
        let hasGPU = FileManager.default.fileExists(atPath: "/proc/driver/nvidia/gpus")
        let runs = try runStore(name).filter { run in
            run.environment.host == host && (Environment(run: run).deviceClass == "cpu") != hasGPU
        }
        return runs.max { VerdictRule.isLater($1, than: $0) }.map(Environment.init(run:))
    }

    private func runStore(_ name: String) throws -> [LiveRun] {
        try runs(matrix: name, rows: nil, columns: nil)
    }
}

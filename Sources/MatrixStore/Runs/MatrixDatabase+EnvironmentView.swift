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

    /// The environments of this machine for `name`'s runs, one per backend: that of the latest run
    /// of each backend recorded on this host whose device class matches this machine (a GPU run
    /// needs an NVIDIA driver here). Empty when this machine has no runs of the matrix. Why one per
    /// backend: a CPU machine with PyTorch and vLLM runs opens with both beside their documents.
    ///
    /// ```swift
    /// try store.thisMachineEnvironments("params").map(\.backend)   // ["pytorch", "vllm"] (backend order)
    /// ```
    public func thisMachineEnvironments(_ name: String, host: String = ProcessInfo.processInfo.hostName) throws -> [Environment] {
        let hasGPU = FileManager.default.fileExists(atPath: "/proc/driver/nvidia/gpus")
        var latest: [String: LiveRun] = [:]
        for run in try runStore(name)
        where run.environment.host == host && (Environment(run: run).deviceClass == "cpu") != hasGPU {
            if let kept = latest[run.request.backend], !VerdictRule.isLater(run, than: kept) { continue }
            latest[run.request.backend] = run
        }
        return latest.keys.sorted().compactMap { latest[$0].map(Environment.init(run:)) }
    }

    private func runStore(_ name: String) throws -> [LiveRun] {
        try runs(matrix: name, rows: nil, columns: nil)
    }
}

import Foundation
import Testing

/// The environment picker under tmux, on a database written by main before environments existed
/// plus one imported CPU run of vLLM: `E` walks the views to the side-by-side one, the differing
/// cell is marked and the detail pane gives the timeline per environment.
@Suite("Environments end to end (tmux)", .serialized)
struct EnvironmentEndToEndTests {
    /// A runs file with one run: vLLM's CPU build failing block_size=16 (the document's GPU passed it).
    static let cpuRunsFile = """
        {"format": "infermatrix-runs", "version": 1, "runs": [{
          "request": {"matrix": "params", "row": "vllm.block_size=16", "column": null, "backend": "vllm", "model": null, "device": "cpu", "timeout": 600},
          "environment": {"host": "ci-7", "device": "cpu", "cpuName": "AMD EPYC", "gpuName": null, "driver": null, "cuda": null,
                          "harness": "0.1.0", "versions": {"python": "3.12.3", "vllm": "0.32.0"}},
          "startedAt": "2026-11-30T10:00:00.000Z", "endedAt": "2026-11-30T10:00:30.000Z", "status": "failed",
          "reason": "No common block size for 16", "parameters": {}, "model": null, "checks": [], "metrics": [], "energy": null, "log": []
        }]}
        """

    @Test("E to side by side: vLLM | vLLM · cpu·vllm 0.32, the cell marked ~, the detail's timeline; E again back to the default")
    func sideBySide() throws {
        let binary = ExplorerEndToEndTests.binary
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build first: swift build (\(binary))")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imx-envs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("matrix.sqlite").path
        try FileManager.default.copyItem(atPath: ExplorerEndToEndTests.repoRoot.appendingPathComponent("Tests/MatrixCoreTests/Fixtures/main-633c770.sqlite").path,
                                         toPath: db)
        let runs = dir.appendingPathComponent("cpu.runs.json").path
        try Data(Self.cpuRunsFile.utf8).write(to: URL(fileURLWithPath: runs))
        let imported = Process()
        imported.executableURL = URL(fileURLWithPath: binary)
        imported.arguments = ["import", "--db", db, runs]
        imported.standardOutput = FileHandle.nullDevice
        try imported.run()
        imported.waitUntilExit()
        #expect(imported.terminationStatus == 0)

        let tmux = try TmuxSession(command: ExplorerEndToEndTests.explorerCommand(in: dir), width: 160, height: 48, directory: dir.path)
        _ = try tmux.firstFrame()
        var screen = try tmux.filter("vllm.block_size", until: "3 matches")
        // default → doc → h100·torch 2.11 → cpu·vllm 0.32 → all side by side
        for _ in 0..<4 {
            try tmux.send("E")
            Thread.sleep(forTimeInterval: 0.3)
        }
        screen = try tmux.waitFor { $0.contains("Environments: doc | h100·torch 2.11 | cpu·vllm 0.32") }
        #expect(screen.contains("vLLM · cpu·vl"), "the sub-column:\n\(screen)")
        let row = try #require(screen.split(separator: "\n").first { $0.contains("vllm.block_size=16") })
        #expect(row.contains("✅~") && row.contains("❌~"), "the differing cell marked: \(row)")
        // The detail of the CPU sub-cell: its timeline per environment.
        try tmux.send("g")
        for _ in 0..<8 { try tmux.send("h") }
        for _ in 0..<3 { try tmux.send("l") }   // PyTorch, PyTorch · h100, vLLM, vLLM · cpu
        try tmux.send("Enter")
        screen = try tmux.waitFor { $0.contains("── Detail") }
        screen = try tmux.waitFor { $0.contains("By environment:") }
        #expect(screen.contains("cpu·vllm 0.32: ❌ failed"), "timeline:\n\(screen)")
        try tmux.send("E")
        screen = try tmux.waitFor { $0.contains("Environments: default") }
        #expect(!screen.contains("vLLM · cpu·vl"))
        try tmux.send("q")
        _ = try tmux.waitFor { $0.contains("IMX-EXITED") }
    }
}

import Foundation
import Testing

@Suite("infermatrix --db, db path|rebuild|check, and sharing a database")
struct DatabaseCommandTests {
    @Test("a --db file that is not SQLite is refused, byte for byte untouched")
    func notSQLite() throws {
        let cli = try CLI()
        let path = try cli.write("my shopping list\nmilk\n", to: "list.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try cli.run(["list", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr == "infermatrix: error: \(path) is not an InferMatrix database (not SQLite)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a database directory without write permission gives an error naming it")
    func readOnlyDirectory() throws {
        let cli = try CLI()
        let locked = cli.directory + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        chmod(cli.directory, 0o755)
        chmod(locked, 0o555)
        defer { chmod(locked, 0o755) }
        // Root may write anywhere: run the binary as nobody then, so the permission really applies.
        let prefix = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let result = try cli.run(["list", "--db", locked + "/matrix.sqlite"], prefix: prefix)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("\(locked) is not writable"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
    }

    @Test("db path follows XDG_DATA_HOME and --db")
    func path() throws {
        let cli = try CLI()
        #expect(try cli.run(["db", "path"]).stdout == cli.directory + "/xdg/infermatrix/matrix.sqlite\n")
        #expect(try cli.run(["db", "path"], environment: ["XDG_DATA_HOME": "/srv/data"]).stdout == "/srv/data/infermatrix/matrix.sqlite\n")
        #expect(try cli.run(["db", "path", "--db", "/tmp/x.sqlite"]).stdout == "/tmp/x.sqlite\n")
    }

    @Test("the shipped data/matrix.sqlite is what data/sources give (db check), and a changed copy is caught")
    func bundledDatabaseIsCurrent() throws {
        let cli = try CLI()
        let shipped = CLI.packageRoot + "/data/matrix.sqlite"
        let check = try cli.run(["db", "check", "--sources", CLI.sources, "--shipped", shipped])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let copy = cli.directory + "/tampered.sqlite"
        try FileManager.default.copyItem(atPath: shipped, toPath: copy)
        let results = try cli.write(vllmResultsJSON, to: "test_results_vllm.json")
        #expect(try cli.run(["import", "--db", copy, results]).status == 0)
        let tampered = try cli.run(["db", "check", "--sources", CLI.sources, "--shipped", copy])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("differs from a fresh build"))
        #expect(tampered.stderr.contains("out of date"))
    }

    @Test("a shipped database switched to WAL (any write opens it so) is caught: it would leave -wal/-shm beside data/")
    func bundledDatabaseStaysInRollbackMode() throws {
        let cli = try CLI()
        let copy = cli.directory + "/wal.sqlite"
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/data/matrix.sqlite", toPath: copy)
        // What `PRAGMA journal_mode=WAL` writes: file format bytes 18 and 19 (write/read version) = 2.
        let handle = try #require(FileHandle(forUpdatingAtPath: copy))
        try handle.seek(toOffset: 18)
        try handle.write(contentsOf: Data([2, 2]))
        try handle.close()
        let check = try cli.run(["db", "check", "--sources", CLI.sources, "--shipped", copy])
        #expect(check.status == 1)
        #expect(check.stdout.contains("journal mode WAL"), "\(check.stdout)")
    }

    @Test("first use copies the bundled database into XDG_DATA_HOME with all four matrices")
    func firstUse() throws {
        let cli = try CLI()
        let result = try cli.run(["list", "matrix:features"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.directory + "/xdg/infermatrix/matrix.sqlite"))
        let names = try CLI.dumpMatrixNames(cli.directory + "/xdg/infermatrix/matrix.sqlite")
        #expect(names == ["params", "models", "features", "multimodal"])
    }

    @Test("two processes share one database through WAL: imports and reads at the same time all succeed")
    func twoProcesses() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let results = try cli.write(vllmResultsJSON, to: "test_results_vllm.json")
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            do {
                let result = index % 2 == 0
                    ? try cli.run(["import", "--db", db, results])
                    : try cli.run(["list", "--db", db, "backend:vllm status:failed"])
                if result.status != 0 { errors.add("run \(index): \(result.stderr)") }
            } catch {
                errors.add("run \(index): \(error)")
            }
        }
        #expect(errors.messages.isEmpty, "\(errors.messages)")
        let list = try cli.run(["list", "--db", db, "backend:vllm status:failed"])
        #expect(list.stdout.contains("fp_precision=float16"))
        #expect(!list.stdout.contains("vllm.block_size=8 "))
    }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ message: String) { lock.lock(); stored.append(message); lock.unlock() }
    var messages: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}

extension CLI {
    static func dumpMatrixNames(_ path: String) throws -> [String] {
        let store = try MatrixDatabase(path: path)
        return try store.matrices().map(\.name)
    }
}

import MatrixStore

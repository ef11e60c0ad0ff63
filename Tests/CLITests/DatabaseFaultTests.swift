import Foundation
import Testing

/// D7, D8 and `--db ''` (D13): the database file is created safely under concurrency and never
/// touched when it is refused.
@Suite("database creation and refusal (D7, D8, D13)")
struct DatabaseFaultTests {
    func sha(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func python(_ script: String, _ args: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + args
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("D7: 16 commands started at once on a fresh data directory all succeed on one database")
    func parallelFirstUse() async throws {
        let cli = try CLI()
        let statuses = try await withThrowingTaskGroup(of: CLI.Result.self) { group in
            for _ in 0..<16 { group.addTask { try cli.run(["list", "--matrix", "params", "status:failed"]) } }
            return try await group.reduce(into: [CLI.Result]()) { $0.append($1) }
        }
        for result in statuses { #expect(result.status == 0, "\(result.stderr)") }
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory + "/xdg/infermatrix")
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "\(files)")
    }

    @Test("D8: an unrelated SQLite database is refused and left byte for byte as it was, with no -wal or -shm")
    func unrelatedDatabase() throws {
        let cli = try CLI()
        let path = cli.directory + "/other.sqlite"
        try python("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()", [path])
        let before = try sha(path)
        let result = try cli.run(["list", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is an SQLite database but not an InferMatrix database"), "\(result.stderr)")
        #expect(try sha(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal") && !FileManager.default.fileExists(atPath: path + "-shm"))
    }

    @Test("D8: a database from a newer InferMatrix is refused and left byte for byte as it was")
    func newerDatabase() throws {
        let cli = try CLI()
        let path = try cli.paramsDatabase()
        try python("""
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); c.execute("insert into grdb_migrations values ('v999-from-the-future')")
            c.commit(); c.execute('pragma journal_mode=delete'); c.close()
            """, [path])
        let before = try sha(path)
        let result = try cli.run(["list", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("was written by a newer InferMatrix"), "\(result.stderr)")
        #expect(try sha(path) == before)
    }

    @Test("D13: --db '' is a usage error and creates nothing")
    func emptyDatabasePath() throws {
        let cli = try CLI()
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: "/"))
        let result = try cli.run(["list", "--db", ""])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--db needs a path"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: "/")).subtracting(before).isEmpty)
    }
}

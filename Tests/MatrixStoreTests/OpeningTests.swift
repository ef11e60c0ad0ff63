import Foundation
import GRDB
import MatrixCore
import Testing
@testable import MatrixStore

@Suite("Opening a database")
struct OpeningTests {
    @Test("a file that is not SQLite is refused and left byte for byte as it was")
    func notSQLite() throws {
        let directory = try StoreFixtures.temporaryDirectory()
        let path = directory + "/notes.txt"
        let bytes = Data("these are my notes, not a database\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try MatrixDatabase(path: path)
        } throws: { error in
            (error as? StoreError)?.description == "\(path) is not an InferMatrix database (not SQLite)"
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("an empty file is not a database either, and stays empty")
    func emptyFile() throws {
        let path = try StoreFixtures.temporaryDirectory() + "/empty.sqlite"
        FileManager.default.createFile(atPath: path, contents: Data())
        #expect(throws: StoreError.self) { _ = try MatrixDatabase(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test("an SQLite file with someone else's tables is refused")
    func foreignSQLite() throws {
        let path = try StoreFixtures.temporaryDirectory() + "/other.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)") }
        try queue.close()
        #expect {
            _ = try MatrixDatabase(path: path)
        } throws: { error in
            (error as? StoreError)?.message.contains("not an InferMatrix database") == true
        }
        let tables = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type='table'") }
        #expect(tables == ["invoices"])
    }

    // A directory without write permission is tested through the CLI (CLITests), which can run
    // the binary as an unprivileged user when the tests run as root.

    @Test("a new database is in WAL mode with foreign keys and the whole schema")
    func newDatabase() throws {
        let path = try StoreFixtures.temporaryDirectory() + "/new/matrix.sqlite"
        let store = try MatrixDatabase(path: path)
        let (mode, foreignKeys, tables) = try store.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        for table in ["source", "matrix", "matrix_column", "matrix_row", "cell", "note", "note_fts", "footnote", "import_event", "matrix_change"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try store.matrices().isEmpty)
    }
}

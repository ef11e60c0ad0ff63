import Foundation
import GRDB
import MatrixCore

/// Adding runs from a runs file: each run once, whatever how often the file is imported.
///
/// A run's identity is its cell (matrix, row, column), backend, host and start time: the same run
/// exported from one database and imported into another is recognised, while two runs of one
/// cell on two machines, or one after the other, are both kept.
///
/// ```swift
/// let (recorded, present) = try RunStore.importRuns(file.runs, in: db)   // inside the caller's transaction
/// ```
extension RunStore {
    /// Start times within this many seconds are the same: the database keeps milliseconds, and
    /// storing rounds or truncates the last one.
    static let sameStart: TimeInterval = 0.0015

    /// Inserts the runs not already present, in order, inside the caller's transaction.
    public static func importRuns(_ runs: [LiveRun], in db: Database) throws -> (recorded: Int, alreadyPresent: Int) {
        var recorded = 0, present = 0
        for run in runs {
            if try contains(run, in: db) {
                present += 1
            } else {
                _ = try insert(run, in: db)
                recorded += 1
            }
        }
        return (recorded, present)
    }

    /// Whether the database holds a run with `run`'s identity (its id is not consulted).
    public static func contains(_ run: LiveRun, in db: Database) throws -> Bool {
        let request = run.request
        let candidates = try GRDB.Row.fetchAll(db, sql: """
            SELECT started_at, environment FROM test_run
            WHERE matrix = ? AND row_key = ? AND column_key = ? AND backend = ?
            """, arguments: [request.matrix, request.row, request.columnKey, request.backend])
        for candidate in candidates {
            let started: Date = candidate["started_at"]
            guard abs(started.timeIntervalSince(run.startedAt)) < sameStart else { continue }
            let environment: String = candidate["environment"]
            let host = try? JSONDecoder().decode(LiveRunEnvironment.self, from: Data(environment.utf8)).host
            if host == run.environment.host { return true }
        }
        return false
    }

    /// Every run of a matrix, oldest first (ties by id): what `export --runs` selects from.
    public func allRuns(matrix: String) throws -> [LiveRun] {
        try writer.read { db in
            try Self.fetch(db, sql: "SELECT * FROM test_run WHERE matrix = ? ORDER BY started_at, id", arguments: [matrix])
        }
    }
}

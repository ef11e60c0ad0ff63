import Foundation
import GRDB
import MatrixCore

/// Records live runs and reads them back, over any GRDB writer (the store's queue or pool).
///
/// ```swift
/// let runs = RunStore(dbQueue)
/// let id = try runs.recordRun(liveRun)
/// CellVerdicts(runs: try runs.allRuns(matrix: "params"))   // each cell's verdict per environment
/// ```
public struct RunStore: Sendable {
    public let writer: any DatabaseWriter

    public init(_ writer: any DatabaseWriter) {
        self.writer = writer
    }

    // MARK: - Writing

    /// Inserts a run with its checks in one transaction and returns its id.
    @discardableResult
    public func recordRun(_ run: LiveRun) throws -> Int64 {
        try writer.write { db in try Self.insert(run, in: db) }
    }

    /// Inserts inside the caller's transaction (imports of results files use it).
    public static func insert(_ run: LiveRun, in db: Database) throws -> Int64 {
        let request = run.request
        try db.execute(sql: """
            INSERT INTO test_run (matrix, row_key, column_key, backend, device, timeout_s, parameters, model, requested_model,
                                  environment, started_at, ended_at, status, reason, metrics, energy_j,
                                  tokens_per_j, idle_w, energy_above_idle_j, tokens_per_j_above_idle, log)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                request.matrix, request.row, request.columnKey, request.backend, request.device, request.timeout,
                try json(run.parameters), run.model, request.model, try json(run.environment), run.startedAt, run.endedAt,
                run.status.rawValue, run.reason, try json(run.metrics), run.energy?.joules,
                run.energy?.tokensPerJoule, run.energy?.idleWatts, run.energy?.aboveIdleJoules,
                run.energy?.tokensPerJouleAboveIdle, run.log.joined(separator: "\n"),
            ])
        let id = db.lastInsertedRowID
        for (position, check) in run.checks.enumerated() {
            try db.execute(sql: "INSERT INTO test_run_check (run_id, position, name, passed, evidence, kind) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [id, position, check.name, check.passed, check.evidence, check.kind?.rawValue])
        }
        return id
    }

    // MARK: - Reading

    /// A cell's runs, newest first. `column` nil: every column of the row.
    public func runs(matrix: String, row: String, column: String? = nil) throws -> [LiveRun] {
        try writer.read { db in
            var sql = "SELECT * FROM test_run WHERE matrix = ? AND row_key = ?"
            var arguments: StatementArguments = [matrix, row]
            if let column {
                sql += " AND column_key = ?"
                arguments += [column]
            }
            return try Self.fetch(db, sql: sql + " ORDER BY started_at DESC, id DESC", arguments: arguments)
        }
    }

    /// One run by id, or `nil`.
    public func run(id: Int64) throws -> LiveRun? {
        try writer.read { db in try Self.fetch(db, sql: "SELECT * FROM test_run WHERE id = ?", arguments: [id]).first }
    }

    // MARK: - Rows

    static func fetch(_ db: Database, sql: String, arguments: StatementArguments) throws -> [LiveRun] {
        var runs = try GRDB.Row.fetchAll(db, sql: sql, arguments: arguments).map(liveRun(from:))
        for index in runs.indices {
            runs[index].checks = try GRDB.Row.fetchAll(
                db, sql: "SELECT name, passed, evidence, kind FROM test_run_check WHERE run_id = ? ORDER BY position",
                arguments: [runs[index].id]
            ).map { row in
                LiveRunCheck(name: row["name"], passed: row["passed"], evidence: row["evidence"],
                             kind: (row["kind"] as String?).flatMap(CheckKind.init(rawValue:)))
            }
        }
        return runs
    }

    private static func liveRun(from row: GRDB.Row) throws -> LiveRun {
        let address = CellAddress(matrix: row["matrix"], row: row["row_key"], column: row["column_key"], backend: row["backend"])
        let request = TestRunRequest(address, model: row["requested_model"], device: row["device"], timeout: row["timeout_s"])
        let joules: Double? = row["energy_j"]
        let log: String = row["log"]
        return LiveRun(
            id: row["id"], request: request,
            environment: try decode(LiveRunEnvironment.self, row["environment"]),
            startedAt: row["started_at"], endedAt: row["ended_at"],
            status: LiveRunStatus(rawValue: row["status"]) ?? .error, reason: row["reason"],
            parameters: try decode([String: LiveRunValue].self, row["parameters"]), model: row["model"],
            metrics: try decode([LiveRunMetric].self, row["metrics"]),
            energy: joules.map { LiveRunEnergy(joules: $0, tokensPerJoule: row["tokens_per_j"], idleWatts: row["idle_w"],
                                               aboveIdleJoules: row["energy_above_idle_j"],
                                               tokensPerJouleAboveIdle: row["tokens_per_j_above_idle"]) },
            log: log.isEmpty ? [] : log.components(separatedBy: "\n"))
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

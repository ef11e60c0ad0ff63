import GRDB

/// The schema of recorded live runs: `test_run` (one row a run) and `test_run_check` (its oracles).
///
/// Register it after the store's own migrations; it depends on none of their tables (cells are
/// named by matrix, row and column keys, so runs survive a re-import of the matrix).
///
/// ```swift
/// var migrator = DatabaseMigrator()
/// RunsMigration.register(in: &migrator)
/// ```
public enum RunsMigration {
    public static let identifier = "v2-live-runs"
    /// Checks gain their kind (`effect` or `evidence`); NULL is a check recorded before kinds.
    public static let checkKindIdentifier = "v3-check-kind"
    /// v4: the board's idle power before a run and the energy above it (issue 15).
    public static let energyAboveIdle = "v4-energy-above-idle"

    public static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(identifier) { db in
            try db.execute(sql: """
                CREATE TABLE test_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    matrix TEXT NOT NULL,
                    row_key TEXT NOT NULL,
                    column_key TEXT NOT NULL,
                    backend TEXT NOT NULL,
                    device TEXT NOT NULL DEFAULT 'auto',
                    timeout_s REAL NOT NULL DEFAULT 600,
                    parameters TEXT NOT NULL DEFAULT '{}',      -- JSON object the harness applied
                    model TEXT,                                 -- the model that ran
                    requested_model TEXT,                       -- --model as given (NULL: the harness's default)
                    environment TEXT NOT NULL DEFAULT '{}',     -- JSON LiveRunEnvironment
                    started_at DATETIME NOT NULL,
                    ended_at DATETIME NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('passed','failed','uncertain','skipped','error')),
                    reason TEXT NOT NULL DEFAULT '',
                    metrics TEXT NOT NULL DEFAULT '[]',         -- JSON [LiveRunMetric]
                    energy_j REAL,
                    tokens_per_j REAL,
                    log TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX test_run_cell ON test_run(matrix, row_key, column_key, started_at);
                CREATE TABLE test_run_check (
                    run_id INTEGER NOT NULL REFERENCES test_run(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    passed BOOLEAN NOT NULL,
                    evidence TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (run_id, position)
                );
                """)
        }
        migrator.registerMigration(checkKindIdentifier) { db in
            try db.execute(sql: "ALTER TABLE test_run_check ADD COLUMN kind TEXT CHECK (kind IN ('effect', 'evidence'))")
        }
        migrator.registerMigration(energyAboveIdle) { db in
            try db.execute(sql: """
                ALTER TABLE test_run ADD COLUMN idle_w REAL;
                ALTER TABLE test_run ADD COLUMN energy_above_idle_j REAL;
                ALTER TABLE test_run ADD COLUMN tokens_per_j_above_idle REAL;
                """)
        }
    }
}

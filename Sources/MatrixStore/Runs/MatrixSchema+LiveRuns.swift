import GRDB

extension MatrixSchema {
    /// v2: the live-run tables (``RunsMigration``), listed in ``MatrixSchema/registrations``.
    static func registerLiveRuns(_ migrator: inout DatabaseMigrator) {
        RunsMigration.register(in: &migrator)
    }
}

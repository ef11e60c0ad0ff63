import Foundation
import GRDB
import MatrixCore

/// The environments a database knows: every document's and every recorded run's, with run counts.
///
/// ```swift
/// for entry in try store.environments() { print(entry.environment.name, entry.runs) }
/// ```
extension MatrixDatabase {
    /// One environment with its runs' count, time span and matrices (documents: the matrices they state).
    public struct EnvironmentEntry: Sendable {
        public var environment: Environment
        public var runs: Int
        public var first: Date?
        public var last: Date?
        public var matrices: [String]
        public var hosts: [String]
    }

    /// Documents first (one per matrix), then live environments in ``Environment`` order.
    public func environments() throws(StoreError) -> [EnvironmentEntry] {
        try read { db in
                var entries: [Environment: EnvironmentEntry] = [:]
                var documents: [EnvironmentEntry] = []
                for row in try GRDB.Row.fetchAll(db, sql: "SELECT name, kind, preamble FROM matrix ORDER BY position") {
                    guard let kind = MatrixKind(rawValue: row["kind"]) else { continue }
                    let name: String = row["name"]
                    let document = Environment.document(kind: kind, preamble: row["preamble"])
                    if let index = documents.firstIndex(where: { $0.environment == document }) {
                        documents[index].matrices.append(name)
                    } else {
                        documents.append(EnvironmentEntry(environment: document, runs: 0, matrices: [name], hosts: []))
                    }
                }
                let cursor = try GRDB.Row.fetchCursor(db, sql: "SELECT matrix, backend, device, environment, started_at FROM test_run")
                while let row = try cursor.next() {
                    let fingerprint = try JSONDecoder().decode(LiveRunEnvironment.self, from: Data((row["environment"] as String).utf8))
                    let environment = Environment(backend: row["backend"], fingerprint: fingerprint, requestedDevice: row["device"])
                    let started: Date = row["started_at"], matrix: String = row["matrix"]
                    var entry = entries[environment] ?? EnvironmentEntry(environment: environment, runs: 0, matrices: [], hosts: [])
                    entry.runs += 1
                    entry.first = min(entry.first ?? started, started)
                    entry.last = max(entry.last ?? started, started)
                    if !entry.matrices.contains(matrix) { entry.matrices.append(matrix) }
                    if !entry.hosts.contains(fingerprint.host) { entry.hosts.append(fingerprint.host) }
                    entries[environment] = entry
                }
                return documents + entries.values.sorted { $0.environment < $1.environment }
        }
    }

    /// Every environment under its unique name (the same names in every command), plus aliases.
    public func environmentIndex(aliases: [String: String] = [:]) throws(StoreError) -> EnvironmentIndex {
        EnvironmentIndex(try environments().map(\.environment), aliases: aliases)
    }
}

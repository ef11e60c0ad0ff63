import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore

/// `infermatrix envs`: the environments the database knows — documents and those of recorded runs.
struct EnvsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envs",
        abstract: "List environments: each document, and each backend × engine version × device class that ran.",
        discussion: """
            Names (first column) are what --env, env:NAME, differs:A,B and `compare` take; type them \
            with - for · and spaces (h100-torch-2.11). Aliases: ~/.config/infermatrix/environments.json \
            ({"aliases": {"lab": "h100·torch 2.11"}}). See docs/environments.md.
            """)

    @OptionGroup var output: TableOrJSON

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try database.run { store in
            let entries = try store.environments()
            let aliases = try EnvironmentAliases.load()
            let index = EnvironmentIndex(entries.map(\.environment), aliases: aliases)
            switch output.format {
            case .table:
                let rows = entries.map { entry -> [String] in
                    let environment = entry.environment
                    return [index.name(of: environment), environment.isDocument ? "document" : (environment.backend ?? "?"),
                            environment.isDocument ? (environment.documentLabel ?? "") : Self.versions(environment),
                            environment.deviceClass ?? "-", environment.cudaMajor ?? "-", String(entry.runs),
                            entry.first.map(RunTimestamp.display) ?? "-", entry.last.map(RunTimestamp.display) ?? "-",
                            entry.matrices.joined(separator: ",")]
                }
                Console.out(TextTable(header: ["Name", "Backend", "Versions", "Device", "CUDA", "Runs", "First run", "Last run", "Matrices"],
                                rows: rows).render())
                for (alias, name) in aliases.sorted(by: { $0.key < $1.key }) { Console.out("alias \(alias) → \(name)" + "\n") }
            case .json:
                Console.out(JSONValue.array(entries.map { entry in
                    .object([
                        "name": .string(index.name(of: entry.environment)),
                        "key": .string(entry.environment.key),
                        "source": .string(entry.environment.source.rawValue),
                        "backend": entry.environment.backend.map(JSONValue.string) ?? .null,
                        "engine": .object(Dictionary(uniqueKeysWithValues: entry.environment.engine.map { ($0.package, JSONValue.string($0.version)) })),
                        "device": entry.environment.deviceClass.map(JSONValue.string) ?? .null,
                        "cuda": entry.environment.cudaMajor.map(JSONValue.string) ?? .null,
                        "summary": .string(entry.environment.summary),
                        "runs": .number(String(entry.runs)),
                        "firstRun": entry.first.map { .string(RunTimestamp.format($0)) } ?? .null,
                        "lastRun": entry.last.map { .string(RunTimestamp.format($0)) } ?? .null,
                        "matrices": .array(entry.matrices.map(JSONValue.string)),
                        "hosts": .array(entry.hosts.map(JSONValue.string)),
                    ])
                }).prettyText(), raw: true)
            }
        }
    }

    static func versions(_ environment: Environment) -> String {
        environment.engine.map { "\($0.package) \($0.version)" }.joined(separator: ", ")
    }
}

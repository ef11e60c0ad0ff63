import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore

/// `infermatrix diff`: the changes the last import made, regressions and fixes first.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what the last import changed: regressions, fixes, rows and columns added or removed.")

    @Option(name: .long, help: "Only changes to this matrix.")
    var matrix: String?

    @OptionGroup var output: TableOrJSON

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try database.run { store in
            guard let last = try store.lastImport() else {
                Console.out("no imports recorded yet\n")
                return
            }
            let changes = last.changes.filter { matrix == nil || $0.matrix == matrix }
            switch output.format {
            case .json: Console.out(try Self.json(last, changes) + "\n", raw: true)
            case .table: Console.out(Self.table(last, changes))
            }
        }
    }

    static func table(_ last: ImportRecord, _ changes: [MatrixChangeRecord]) -> String {
        var out = "last import: \(last.source.path) (\(last.source.format.rawValue)) at \(last.at)\n"
        // A runs file changes no matrix; its own summary says what it recorded.
        out += "summary: \(last.source.format == .liveRuns ? last.summary : ChangeSummary(changes.map(\.change)).description)\n"
        let groups: [(String, (MatrixChange) -> Bool)] = [
            ("Regressions", { $0.direction == .regression }),
            ("Fixes", { $0.direction == .fix }),
            ("Other changes", { $0.direction == nil }),
        ]
        for (title, belongs) in groups {
            let members = changes.filter { belongs($0.change) }
            guard !members.isEmpty else { continue }
            out += "\n\(title) (\(members.count)):\n"
            for record in members { out += "  \(record.matrix): \(ChangeText.describe(record.change))\n" }
        }
        return out
    }

    struct JSONChange: Encodable {
        var matrix: String
        var kind: String
        var row: String?
        var column: String?
        var from: String?
        var to: String?
        var direction: String?
    }

    struct JSONDiff: Encodable {
        var source: String
        var format: String
        var at: String
        var summary: String
        var changes: [JSONChange]
    }

    static func json(_ last: ImportRecord, _ changes: [MatrixChangeRecord]) throws -> String {
        let items = changes.map { record -> JSONChange in
            var item = JSONChange(matrix: record.matrix, kind: "", direction: record.change.direction?.rawValue)
            switch record.change {
            case .rowAdded(let row): item.kind = "row-added"; item.row = row
            case .rowRemoved(let row): item.kind = "row-removed"; item.row = row
            case .columnAdded(let column): item.kind = "column-added"; item.column = column
            case .columnRemoved(let column): item.kind = "column-removed"; item.column = column
            case .statusChanged(let row, let column, let from, let to):
                item.kind = "status-changed"; item.row = row; item.column = column
                item.from = from.queryName; item.to = to.queryName
            }
            return item
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let diff = JSONDiff(source: last.source.path, format: last.source.format.rawValue, at: last.at,
                            summary: last.source.format == .liveRuns ? last.summary : ChangeSummary(changes.map(\.change)).description,
                            changes: items)
        return String(decoding: try encoder.encode(diff), as: UTF8.self)
    }
}

import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore

/// `infermatrix show --matrix NAME ROW [--column C]`: everything known about one row, its
/// recorded live runs included.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a row's cells with full notes, footnotes, source, history and live runs.",
        discussion: "Example: infermatrix show --matrix params vllm.block_size=8 --column vllm --runs 10")

    @Option(name: .long, help: "The matrix the row belongs to.")
    var matrix: String = "params"

    @Argument(help: "The row's name exactly as listed (a parameter or an architecture).")
    var row: String

    @Option(name: .long, help: "Only this column (key or title, case-insensitive).")
    var column: String?

    @Option(name: .long, help: ArgumentHelp("How many live runs to list, newest first: a number or `all`.", valueName: "n"))
    var runs: RunLimit = .count(5)

    @Option(name: .long, help: "text or json (json holds the listed runs in full, as in a runs file).")
    var format: ShowFormat = .text

    @OptionGroup var environments: EnvironmentOptions

    @OptionGroup var database: DatabaseOptions

    enum ShowFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        try Console.run {
            let store = try database.open(readOnly: true)
            let details = try store.details(matrix: matrix, row: row)
            var columns = details.columns
            if let column {
                let wanted = column.lowercased()
                columns = columns.filter { $0.key.lowercased() == wanted || $0.title.lowercased() == wanted }
                if columns.isEmpty {
                    throw StoreError(path: store.path, message: "has no column \"\(column)\" in matrix \(matrix)",
                                     context: "known: " + details.columns.map(\.key).joined(separator: ", "))
                }
            }
            let keys = Set(columns.map(\.key))
            let recorded = try store.runs(matrix: matrix, row: row).filter { keys.contains($0.request.columnKey) }
            let index = try store.environmentIndex(matrix, aliases: try EnvironmentAliases.load())
            let chosen = try environments.names.first.map { name throws(EnvironmentError) in try index.lookup(name) }
            let live = try store.liveVerdicts(matrix, environment: chosen?.isDocument == true ? nil : chosen)
                .restricted(toRows: [row], columns: Array(keys))
            let timelines = CellTimelines(table: try store.verdictTable(matrix), index: index)
            let listed = Array(recorded.prefix(runs.limit))
            switch format {
            case .json:
                Console.out(RowDetailsJSON.encode(details, columns: columns, live: live, timelines: timelines, runs: listed,
                                                  runCount: recorded.count).prettyText(), raw: true)
            case .text:
                Console.out(Self.render(details, columns: columns, live: live, timelines: timelines)
                            + Self.render(runs: listed, of: recorded.count))
            }
        }
    }

    static func render(runs: [LiveRun], of total: Int) -> String {
        guard total > 0 else { return "\nruns: (no live runs recorded)\n" }
        var out = "\nruns (\(runs.count) of \(total), newest first\(runs.count < total ? "; --runs N or all for more" : "")):\n"
        for run in runs { out += RunText.describe(run, indent: "  ") }
        return out
    }

    static func render(_ details: RowDetails, columns: [Column], live: LiveVerdicts = .none,
                       timelines: CellTimelines? = nil) -> String {
        let row = details.row
        var out = "\(row.key)  (\(details.matrix): \(details.matrixTitle))\n"
        if let section = row.section { out += "section: \(section)\n" }
        for attribute in row.attributes {
            out += "\(attribute.name): \(attribute.literal)\n"
        }
        for note in row.notes { out += "note: \(note)\n" }
        if !row.footnotes.isEmpty { out += "footnotes on the row name: \(row.footnotes.map { "[^\($0)]" }.joined(separator: " "))\n" }
        out += "\n"
        for column in columns {
            let cell = row.cells[column.key]
            let status = cell?.status ?? .untested
            out += "\(column.title) [\(column.key)]: \(status.symbol) \(status.queryName)"
            out += "  literal: \(cell.map { "\"\($0.literal)\"" } ?? "(no cell)")\n"
            if let note = cell?.note { out += "  note: \(note)\n" }
            if let verdict = live[row.key, column.key] { out += "  " + RunText.verdictLine(verdict) + "\n" }
            for line in timelines?.lines(row: row.key, column: column.key) ?? [] { out += "  in " + line + "\n" }
            if let footnotes = cell?.footnotes, !footnotes.isEmpty {
                out += "  footnotes: \(footnotes.map { "[^\($0)]" }.joined(separator: " "))\n"
            }
        }
        if !details.footnotes.isEmpty {
            out += "\nfootnotes:\n"
            for footnote in details.footnotes {
                out += "  [^\(footnote.label)]: \(footnote.text)\n"
                out += "    cited by: \(footnote.citedBy.joined(separator: "; "))\n"
            }
        }
        out += "\nsource: "
        if let source = details.source {
            out += "\(source.path) (\(source.format.rawValue), sha256 \(source.sha256)), imported \(details.importedAt ?? "?")\n"
        } else {
            out += "(unknown)\n"
        }
        out += "history:\n"
        if details.history.isEmpty { out += "  (no recorded changes)\n" }
        for record in details.history {
            out += "  \(record.at ?? "?")  \(record.sourcePath ?? "?")  \(ChangeText.describe(record.change))\n"
        }
        return out
    }
}

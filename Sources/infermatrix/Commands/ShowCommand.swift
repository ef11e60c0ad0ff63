import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore

/// `infermatrix show --matrix NAME ROW [--column C]`: everything known about one row.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a row's cells with full notes, footnotes, source and history.",
        discussion: "Example: infermatrix show --matrix params vllm.block_size=8 --column vllm")

    @Option(name: .long, help: "The matrix the row belongs to.")
    var matrix: String = "params"

    @Argument(help: "The row's name exactly as listed (a parameter or an architecture).")
    var row: String

    @Option(name: .long, help: "Only this column (key or title, case-insensitive).")
    var column: String?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try Console.run {
            let store = try database.open()
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
            print(Self.render(details, columns: columns), terminator: "")
        }
    }

    static func render(_ details: RowDetails, columns: [Column]) -> String {
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

import ArgumentParser

/// `--format` for `list` and `export`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, tsv, json, md

    /// The format a file name's extension implies (`.markdown` counts as md).
    init?(fileName: String) {
        let ext = fileName.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "json": self = .json
        case "md", "markdown": self = .md
        default: return nil
        }
    }
}

/// `--format table|json` for the commands whose output is a table or its JSON (`diff`, `envs`).
///
/// ```swift
/// @OptionGroup var output: TableOrJSON
/// switch output.format { case .table: …; case .json: … }
/// ```
struct TableOrJSON: ParsableArguments {
    @Option(name: .long, help: "table or json.")
    var format: Kind = .table

    enum Kind: String, ExpressibleByArgument, CaseIterable { case table, json }
}

import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore

/// `infermatrix compare A B [QUERY]`: the cells whose verdicts differ between two environments.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "List the cells whose verdicts differ between two environments, labelled regression, fix or differs.",
        discussion: """
            Examples:
              infermatrix compare h100-torch-2.11 cpu-torch-2.11
              infermatrix compare doc cpu-vllm-0.32 'section:batching' --format md
              infermatrix compare h200-vllm-0.26 h200-vllm-0.33 --fail-on regression   # gate an upgrade in CI
            A regression or fix needs the same backend on the same device class (an engine upgrade, \
            or one environment over time); any other disagreement (document vs. live, CPU vs. GPU) \
            differs. Exit status: 0 when nothing matches --fail-on (or it is not given), 3 when \
            --fail-on found cells, 1 on errors (unknown environment, bad query), 2 on usage errors.
            """)

    @Argument(help: "The environment you move from (see `infermatrix envs`; `doc` for the document).")
    var from: String

    @Argument(help: "The environment you move to.")
    var to: String

    @Argument(help: "A query limiting the cells compared (as for `list`).")
    var query: String = ""

    @Option(name: .long, help: "The matrix; default: the query's matrix: term, else params.")
    var matrix: String?

    @Option(name: .long, help: "table, csv, json or md.")
    var format: Format = .table

    @Option(name: .customLong("fail-on"), help: "Exit 3 when a cell is a regression (regression) or differs in any way (differs).")
    var failOn: FailOn?

    @OptionGroup var database: DatabaseOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, md }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case regression, differs }

    /// The exit status when `--fail-on` finds cells.
    static let gateFailed: Int32 = 3

    func run() throws {
        var failed = false
        try database.run { store in
            let selection = try MatrixSelection(store: store, query: query, matrix: matrix, environments: [from, to])
            let index = selection.view.index
            let a = try index.lookup(from), b = try index.lookup(to)
            let name = selection.grid.name
            let imported = try store.loadGrid(name)
            // The query ran on the side-by-side view; compare over its rows and the base columns it kept.
            let baseKeys = Set(selection.columnKeys.map { MatrixGrid.splitSubColumnKey($0).column })
            let columns = imported.columns.indices.filter { baseKeys.contains(imported.columns[$0].key) }
            let rowIndex = Dictionary(imported.rowKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let rows = selection.rowKeys.compactMap { rowIndex[$0] }
            let diff = EnvironmentComparison(grid: imported, rows: rows, columns: columns, table: try store.verdictTable(name),
                                             from: a, to: b)
            let fromName = index.name(of: a), toName = index.name(of: b)
            switch format {
            case .table:
                Console.out("\(fromName) (\(a.summary)) → \(toName) (\(b.summary)), matrix \(name)" + "\n")
                Console.out(TextTable(header: diff.records(fromName: fromName, toName: toName)[0],
                                rows: Array(diff.records(fromName: fromName, toName: toName).dropFirst())).render())
                Console.out(diff.summary + "\n")
            case .csv: Console.out(diff.csv(fromName: fromName, toName: toName), raw: true)
            case .json: Console.out(diff.json(fromName: fromName, toName: toName).prettyText(), raw: true)
            case .md: Console.out(diff.markdown(fromName: fromName, toName: toName), raw: true)
            }
            switch failOn {
            case .regression?: failed = diff.count(.regression) > 0
            case .differs?: failed = !diff.cells.isEmpty
            case nil: break
            }
        }
        if failed { throw ExitCode(Self.gateFailed) }
    }
}

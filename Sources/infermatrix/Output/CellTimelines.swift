import MatrixCore

/// A cell's verdict in every environment that ran it, named as the database names them: the
/// per-environment timeline `show` prints under each cell.
///
/// ```swift
/// CellTimelines(table: try store.verdictTable("params"), index: index).lines(row: "vllm.block_size=16", column: "vllm")
/// // ["cpu·vllm 0.32: ❌ failed 2026-11-30T22:10:04.120Z (vllm 0.32.0) — No common block size for 16"]
/// ```
struct CellTimelines {
    var table: CellVerdicts
    var index: EnvironmentIndex

    func lines(row: String, column: String) -> [String] {
        table.verdicts(row: row, column: column).map { $0.timelineLine(name: index.name(of: $0.environment)) }
    }

    func json(row: String, column: String) -> [JSONValue] {
        table.verdicts(row: row, column: column).map { $0.jsonValue(name: index.name(of: $0.environment)) }
    }
}

/// One line of a supported-models page, with where it came from, so errors can point at it:
/// a line of a real Markdown file, or a table row rebuilt from flattened text.
///
/// ```swift
/// PageLine(text: "| `X` | Yes |", place: .tableRow(table: 2, row: 5))
/// ```
struct PageLine: Sendable, Hashable {
    enum Place: Sendable, Hashable {
        /// 1-based line of the file.
        case line(Int)
        /// A row rebuilt from flattened text (1-based table and row; row 0 is the header);
        /// the file has one line.
        case tableRow(table: Int, row: Int)
    }

    var text: String
    var place: Place

    /// An ``ImportError`` located at this line.
    func error(_ path: String, _ message: String) -> ImportError {
        switch place {
        case let .line(number): ImportError(file: path, line: number, message: message)
        case let .tableRow(table, row):
            ImportError(file: path, line: 1, field: row == 0 ? "table \(table), header" : "table \(table), row \(row)",
                        message: message)
        }
    }
}

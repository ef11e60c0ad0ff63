import Foundation

/// Reads a parameter × backend matrix in seed 000's Markdown layout.
///
/// ```swift
/// let matrix = try ParameterMatrixMarkdown.parse(text, path: "data/sources/parameter-matrix.md")
/// matrix.name   // "params"
/// ```
///
/// The Summary and Legend sections are derived and not stored; everything before `## Summary`
/// is the ``Matrix/preamble`` and everything from the first non-matrix section after the matrix
/// sections is the ``Matrix/appendix``, both verbatim.
public enum ParameterMatrixMarkdown {
    /// The header of the first column of every matrix section.
    static let rowHeader = "Parameter"
    /// The header of the notes column, which is not a status column.
    static let notesHeader = "Notes"
    /// Sections the exporter regenerates.
    static let derivedSections: Set<String> = ["Summary", "Legend"]

    /// - Throws: ``ImportError`` with the line of a ragged or headerless table, an unknown
    ///   status glyph, or a document with no matrix section.
    public static func parse(_ text: String, path: String) throws(ImportError) -> Matrix {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var matrix = Matrix(name: "params", title: "", kind: .parameters, rowHeader: rowHeader)
        if let titleLine = lines.first(where: { $0.hasPrefix("# ") }) {
            matrix.title = String(titleLine.dropFirst(2)).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        var preambleEnd: Int?
        var sawMatrixSection = false
        var rowLines: [String: Int] = [:]   // row key → its line: a second row of that name is an error
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("## ") else { index += 1; continue }
            let heading = String(line.dropFirst(3)).trimmingCharacters(in: .whitespacesAndNewlines)
            if heading == "Summary" && preambleEnd == nil && !sawMatrixSection { preambleEnd = index }
            if derivedSections.contains(heading) && !sawMatrixSection { index += 1; continue }

            var tableStart = index + 1
            while tableStart < lines.count, lines[tableStart].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                tableStart += 1
            }
            let startsTable = tableStart < lines.count && MarkdownTable.isRow(lines[tableStart])
            let isParameterTable = startsTable && MarkdownTable.trimmedCells(lines[tableStart]).first == rowHeader
            let headerless = startsTable && !(tableStart + 1 < lines.count && MarkdownTable.isRow(lines[tableStart + 1])
                && MarkdownTable.isSeparator(MarkdownTable.rawCells(lines[tableStart + 1])))
            if headerless && (isParameterTable || !sawMatrixSection) {
                throw ImportError(file: path, line: tableStart + 1,
                                  message: "table has no header: the line after its first row is not a |---| separator")
            }
            if !isParameterTable {
                if sawMatrixSection {
                    matrix.appendix = lines[index...].joined(separator: "\n")
                    break
                }
                if preambleEnd == nil { preambleEnd = index }
                index += 1
                continue
            }
            if preambleEnd == nil { preambleEnd = index }
            sawMatrixSection = true
            index = try readSection(heading, lines: lines, tableStart: tableStart, path: path, into: &matrix,
                                    rowLines: &rowLines)
        }

        guard sawMatrixSection else {
            throw ImportError(file: path, line: 1,
                              message: "no parameter matrix section (a \"## \" heading followed by a \"| Parameter |\" table)")
        }
        if let preambleEnd, preambleEnd > 0 {
            matrix.preamble = lines[..<preambleEnd].joined(separator: "\n") + "\n"
        }
        return matrix
    }

    // MARK: - Sections

    /// Reads one section's table starting at `tableStart`; returns the index after the table.
    private static func readSection(_ section: String, lines: [Substring], tableStart: Int, path: String,
                                    into matrix: inout Matrix, rowLines: inout [String: Int]) throws(ImportError) -> Int {
        let header = MarkdownTable.exactCells(lines[tableStart])
        let separatorIndex = tableStart + 1
        guard separatorIndex < lines.count, MarkdownTable.isRow(lines[separatorIndex]),
              MarkdownTable.isSeparator(MarkdownTable.rawCells(lines[separatorIndex])) else {
            throw ImportError(file: path, line: tableStart + 1,
                              message: "table has no header: the line after its first row is not a |---| separator")
        }
        let separatorCount = MarkdownTable.rawCells(lines[separatorIndex]).count
        guard separatorCount == header.count else {
            throw ImportError(file: path, line: separatorIndex + 1,
                              message: "separator has \(separatorCount) cells, the header has \(header.count)")
        }
        let hasNotes = header.last?.trimmingCharacters(in: .whitespaces) == notesHeader
        let statusTitles = header.dropFirst().dropLast(hasNotes ? 1 : 0).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let statusColumns = statusTitles.map { Column(key: Column.key(for: $0), title: $0) }
        for column in statusColumns where matrix.column(column.key) == nil { matrix.columns.append(column) }
        let noteKeys = matrix.columns.map(\.key)

        var index = separatorIndex + 1
        while index < lines.count, MarkdownTable.isRow(lines[index]) {
            let cells = MarkdownTable.exactCells(lines[index])
            guard cells.count == header.count else {
                throw ImportError(file: path, line: index + 1,
                                  message: "row has \(cells.count) cells, the header has \(header.count)")
            }
            var row = Row(key: cells[0].replacingOccurrences(of: "`", with: ""), section: section)
            if let first = rowLines.updateValue(index + 1, forKey: row.key) {
                throw ImportError(file: path, line: index + 1, message: "row \"\(row.key)\" appears twice (first on line \(first))")
            }
            if row.key.utf8.count > Row.maximumKeyBytes {
                throw ImportError(file: path, line: index + 1,
                                  message: "row name is \(row.key.utf8.count) bytes long; at most \(Row.maximumKeyBytes) are accepted")
            }
            for (offset, column) in statusColumns.enumerated() {
                let literal = cells[offset + 1]
                guard let status = CellStatus(symbol: literal) else {
                    throw ImportError(file: path, line: index + 1, field: column.title,
                                      message: "unknown status glyph \"\(literal)\" in column \(column.title) (expected ✅ ❌ ⚠️ ➖)")
                }
                row.cells[column.key] = Cell(status: status, literal: literal)
            }
            if hasNotes, let notesText = cells.last {
                if let message = Cell.tooLong(notesText, "the Notes cell") {
                    throw ImportError(file: path, line: index + 1, field: notesHeader, message: message)
                }
                let notes = ParameterNotes.split(notesText, columnKeys: noteKeys)
                for (key, note) in notes.cells {
                    if row.cells[key] == nil { row.cells[key] = Cell(status: .untested) }
                    row.cells[key]?.note = note
                }
                row.notes = notes.row
            }
            matrix.rows.append(row)
            index += 1
        }
        return index
    }
}

import Foundation

/// Walks the lines of a supported-models page (real or rebuilt from flattened text): headings,
/// `Note:` paragraphs, tables, footnote definitions; one matrix per table.
///
/// ```swift
/// var reader = PageReader(path: "page.md", legend: ModalityLegend(document: text))
/// let matrices = try reader.read(lines)
/// ```
struct PageReader {
    let path: String
    let legend: ModalityLegend
    var matrices: [Matrix] = []
    var heading: String?
    /// Index in ``matrices`` of the table under the current heading.
    var headingMatrix: Int?
    var pendingNotes: [String] = []
    /// Footnote definitions met before any table; they go to the first matrix.
    var pendingFootnotes: [Footnote] = []

    init(path: String, legend: ModalityLegend) {
        self.path = path
        self.legend = legend
    }

    // MARK: - Blocks

    mutating func read(_ lines: [PageLine]) throws(ImportError) -> [Matrix] {
        var index = 0
        while index < lines.count {
            let text = lines[index].text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { index += 1; continue }
            if MarkdownTable.isRow(Substring(text)) {
                var end = index
                while end < lines.count, MarkdownTable.isRow(Substring(lines[end].text)) { end += 1 }
                try readTable(Array(lines[index..<end]))
                index = end
                continue
            }
            if let hashes = text.firstIndex(where: { $0 != "#" }), hashes != text.startIndex, text[hashes] == " " {
                heading = text[hashes...].trimmingCharacters(in: .whitespaces)
                headingMatrix = nil
                pendingNotes = []
                index += 1
                continue
            }
            if text.hasPrefix("[^"), let close = text.range(of: "]:") {
                let label = String(text[text.index(text.startIndex, offsetBy: 2)..<close.lowerBound])
                let body = text[close.upperBound...].trimmingCharacters(in: .whitespaces)
                let footnote = Footnote(label: label, text: body)
                if matrices.isEmpty { pendingFootnotes.append(footnote) } else { matrices[matrices.count - 1].footnotes.append(footnote) }
                index += 1
                continue
            }
            var paragraph = [text]
            index += 1
            while index < lines.count {
                let next = lines[index].text.trimmingCharacters(in: .whitespaces)
                if next.isEmpty || next.hasPrefix("#") || next.hasPrefix("[^") || MarkdownTable.isRow(Substring(next)) { break }
                paragraph.append(next)
                index += 1
            }
            let joined = paragraph.joined(separator: " ")
            if joined.hasPrefix("Note:") {
                let note = joined.dropFirst("Note:".count).trimmingCharacters(in: .whitespaces)
                if let headingMatrix { matrices[headingMatrix].notes.append(note) } else { pendingNotes.append(note) }
            }
        }
        return matrices
    }

    // MARK: - Tables

    private mutating func readTable(_ lines: [PageLine]) throws(ImportError) {
        guard lines.count >= 2, MarkdownTable.isSeparator(MarkdownTable.rawCells(Substring(lines[1].text))) else {
            throw lines[0].error(path, "table has no header: the line after its first row is not a |---| separator")
        }
        let header = MarkdownTable.trimmedCells(Substring(lines[0].text)).map(FootnoteMarkers.split)
        let separatorCount = MarkdownTable.rawCells(Substring(lines[1].text)).count
        guard separatorCount == header.count else {
            throw lines[1].error(path, "separator has \(separatorCount) cells, the header has \(header.count)")
        }
        var records: [[String]] = []
        for line in lines.dropFirst(2) {
            let cells = MarkdownTable.trimmedCells(Substring(line.text))
            guard cells.count == header.count else {
                throw line.error(path, "row has \(cells.count) cells, the header has \(header.count)")
            }
            records.append(cells)
        }

        let isStatus = header.indices.map { column in
            column > 0 && records.contains { !$0[column].isEmpty } && records.allSatisfy { record in
                let text = FootnoteMarkers.split(record[column]).text
                return text.isEmpty || CellStatus(word: text) != nil
            }
        }
        let title = heading ?? "Table \(matrices.count + 1)"
        var matrix = Matrix(name: uniqueName(title), title: title, kind: kind(title, hasStatus: isStatus.contains(true)),
                            rowHeader: header[0].text)
        for column in header.indices.dropFirst() {
            if isStatus[column] {
                matrix.columns.append(Column(key: Column.key(for: header[column].text), title: header[column].text,
                                             footnotes: header[column].labels))
            } else {
                matrix.attributeNames.append(header[column].text)
            }
        }
        for record in records {
            let name = FootnoteMarkers.split(record[0])
            var row = Row(key: name.text.replacingOccurrences(of: "`", with: ""), footnotes: name.labels)
            for column in header.indices.dropFirst() {
                let cell = FootnoteMarkers.split(record[column])
                if isStatus[column] {
                    guard !cell.text.isEmpty, let status = CellStatus(word: cell.text) else { continue }
                    row.cells[Column.key(for: header[column].text)] = Cell(status: status, literal: record[column],
                                                                           footnotes: cell.labels)
                } else {
                    row.attributes.append(Attribute(
                        name: header[column].text,
                        values: AttributeValues.split(cell.text, column: header[column].text, legend: legend),
                        literal: record[column], footnotes: cell.labels))
                }
            }
            matrix.rows.append(row)
        }
        matrix.notes = pendingNotes
        matrix.footnotes = pendingFootnotes
        pendingNotes = []
        pendingFootnotes = []
        headingMatrix = matrices.count
        matrices.append(matrix)
    }

    // MARK: - Names

    /// The catalogue's kind for a heading that names a known matrix; else a table with status
    /// columns is a feature matrix and one of text columns only a models table.
    private func kind(_ title: String, hasStatus: Bool) -> MatrixKind {
        Catalogue.bundled.matrix(forTitle: title)?.kind ?? (hasStatus ? .features : .models)
    }

    private func uniqueName(_ title: String) -> String {
        let base: String
        if let known = Catalogue.bundled.matrix(forTitle: title) { base = known.name }
        else { base = Column.key(for: title).isEmpty ? "table" : Column.key(for: title) }
        var name = base
        var number = 2
        while matrices.contains(where: { $0.name == name }) { name = "\(base)-\(number)"; number += 1 }
        return name
    }
}

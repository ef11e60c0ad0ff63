/// Writes `models`, `features`, `multimodal` (and any other non-parameter matrix) as padded
/// tables in the layout of TensorRT-LLM's supported-models page, which ``SupportedModelsPage``
/// reads back into the same matrix.
///
/// ```swift
/// FeatureTableMarkdownWriter.write(models)
/// // # Supported Models\n\n| Architecture | Model | HuggingFace Example |\n| ---…
/// ```
///
/// Attribute columns come first in a `models` matrix and after the status columns in a
/// feature matrix (where the page puts `Modality`). Live results, which the page has no place
/// for, follow as a list that the page reader skips as prose.
enum FeatureTableMarkdownWriter {
    static func write(_ matrix: Matrix, live: LiveVerdicts = .none) -> String {
        var out = matrix.kind == .models ? "# \(matrix.title)\n\n" : "## \(matrix.title)\n\n"
        for note in matrix.notes { out += "Note: \(note)\n\n" }

        let attributesFirst = matrix.kind == .models
        let statusTitles = matrix.columns.map { $0.title + FootnoteMarkers.suffix($0.footnotes) }
        let header = [matrix.rowHeader] + (attributesFirst ? matrix.attributeNames + statusTitles
                                                             : statusTitles + matrix.attributeNames)
        var records: [[String]] = []
        for row in matrix.rows {
            let name = "`\(row.key)`" + FootnoteMarkers.suffix(row.footnotes)
            let statuses = matrix.columns.map { column -> String in
                guard let cell = row.cells[column.key] else { return CellStatus.untested.word }
                return cell.literal.isEmpty ? cell.status.word + FootnoteMarkers.suffix(cell.footnotes) : cell.literal
            }
            let attributes = matrix.attributeNames.map { row.attribute($0)?.literal ?? "" }
            records.append([name] + (attributesFirst ? attributes + statuses : statuses + attributes))
        }

        let widths = header.indices.map { index in
            max(3, ([header] + records).map { $0[index].count }.max() ?? 3)
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { index, cell in
                cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: " | ") + " |\n"
        }
        out += line(header)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for record in records { out += line(record) }
        if !matrix.footnotes.isEmpty {
            out += "\n"
            for footnote in matrix.footnotes { out += "[^\(footnote.label)]: \(footnote.text)\n" }
        }
        if !live.isEmpty {
            out += "\nLive results (latest run per cell; the table keeps the page's statuses):\n\n"
            for row in matrix.rows {
                for column in matrix.columns {
                    guard let verdict = live[row.key, column.key] else { continue }
                    out += "- `\(row.key)` / \(column.title) (live, \(verdict.environmentName)): \(verdict.status.word)"
                    out += verdict.label.map { " (\($0); the page: \(verdict.imported.word))" } ?? ""
                    out += (verdict.run.reason.isEmpty ? "" : ": " + verdict.run.reason) + "\n"
                }
            }
        }
        return out
    }
}

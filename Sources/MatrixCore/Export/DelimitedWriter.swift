import Foundation

/// Writes CSV (RFC 4180) and TSV: row header, Section, the attributes, one status word per
/// column (`passed`, `failed`, `uncertain`, `untested`, `na`), and Notes. When the selection has
/// live results, a `<title> live` column per status column (the live verdict's word, empty where
/// none) and a `Live notes` column come before Notes, so a spreadsheet can filter either.
///
/// ```swift
/// DelimitedWriter.csv(params)   // "Parameter,Section,PyTorch,vLLM,TensorRT,Notes\r\n…"
/// DelimitedWriter.csvField("a,b")   // "\"a,b\""
/// ```
enum DelimitedWriter {
    // MARK: - Formats

    static func csv(_ matrix: Matrix, live: LiveVerdicts = .none) -> String {
        table(matrix, live: live).map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    static func tsv(_ matrix: Matrix, live: LiveVerdicts = .none) -> String {
        table(matrix, live: live).map { $0.map(tsvField).joined(separator: "\t") + "\n" }.joined()
    }

    // MARK: - Fields

    /// Quotes a field holding a comma, quote, CR or LF, doubling its quotes.
    static func csvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Tabs and line breaks become spaces (a CRLF becomes one space).
    static func tsvField(_ text: String) -> String {
        String(String.UnicodeScalarView(text.replacingOccurrences(of: "\r\n", with: " ").unicodeScalars.map {
            $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0
        }))
    }

    // MARK: - Table

    /// The header and one record per row, as plain strings. The live columns appear whenever
    /// `live` is not empty (a chunked export passes the whole selection's verdicts to every chunk,
    /// so all chunks share one header).
    static func table(_ matrix: Matrix, live: LiveVerdicts = .none) -> [[String]] {
        let liveHeader = live.isEmpty ? [] : matrix.columns.map { "\($0.title) live" } + ["Live notes"]
        let header = [matrix.rowHeader.isEmpty ? "Row" : matrix.rowHeader, "Section"]
            + matrix.attributeNames + matrix.columns.map(\.title) + liveHeader + ["Notes"]
        var records = [header]
        for row in matrix.rows {
            var record = [row.key, row.section ?? ""]
            record += matrix.attributeNames.map { row.attribute($0)?.literal ?? "" }
            record += matrix.columns.map { (row.cells[$0.key]?.status ?? .untested).queryName }
            if !live.isEmpty {
                record += matrix.columns.map { live[row.key, $0.key]?.status.queryName ?? "" }
                record.append(matrix.columns.compactMap { column in
                    live[row.key, column.key].map { "\(column.key): " + liveNote($0) }
                }.joined(separator: "; "))
            }
            records.append(record + [fullNotes(row, matrix: matrix)])
        }
        return records
    }

    /// `failed in cpu·vllm 0.32 on Intel Xeon at 2026-03-02T14:05:11.250Z, differs (CPU build) from the document's passed: reason`
    static func liveNote(_ verdict: LiveVerdict) -> String {
        var text = "\(verdict.status.queryName) in \(verdict.environmentName) on \(verdict.deviceName)"
            + " at \(RunTimestamp.format(verdict.run.startedAt))"
        if let history = verdict.history { text += ", a \(history.label)" }
        if let differs = verdict.againstDocument { text += ", \(differs.label) from the document's \(verdict.imported.queryName)" }
        if !verdict.run.reason.isEmpty { text += ": " + verdict.run.reason }
        return text
    }

    /// Every note of the row, whole: `key: note` per column, then the row's own notes.
    static func fullNotes(_ row: Row, matrix: Matrix) -> String {
        let cellNotes = matrix.columns.compactMap { column in
            row.cells[column.key]?.note.map { "\(column.key): \($0)" }
        }
        return (cellNotes + row.notes).joined(separator: "; ")
    }
}

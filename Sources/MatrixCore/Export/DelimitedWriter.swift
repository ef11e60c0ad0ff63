import Foundation

/// Writes CSV (RFC 4180) and TSV: row header, Section, the attributes, one status word per
/// column (`passed`, `failed`, `uncertain`, `untested`, `na`), and Notes. When the selection has
/// live results, a `<title> live` column per status column (the live verdict's word, empty where
/// none) and a `Live notes` column come before Notes, so a spreadsheet can filter either.
///
/// One record is assembled by ``record(key:section:attributes:columns:status:note:rowNotes:live:)``
/// whatever holds the data: a whole ``Matrix`` here, or the store's grid bytes and notes
/// (`MatrixDatabase.export`, which decodes only what it prints).
///
/// ```swift
/// DelimitedWriter.csv(params)   // "Parameter,Section,PyTorch,vLLM,TensorRT,Notes\r\n…"
/// DelimitedWriter.csvField("a,b")   // "\"a,b\""
/// ```
public enum DelimitedWriter {
    // MARK: - Formats

    static func csv(_ matrix: Matrix, live: LiveVerdicts = .none) -> String {
        table(matrix, live: live).map { line($0, csv: true) }.joined()
    }

    static func tsv(_ matrix: Matrix, live: LiveVerdicts = .none) -> String {
        table(matrix, live: live).map { line($0, csv: false) }.joined()
    }

    /// One record as a CSV line (CRLF) or a TSV line (LF).
    public static func line(_ fields: [String], csv: Bool) -> String {
        csv ? fields.map(csvField).joined(separator: ",") + "\r\n" : fields.map(tsvField).joined(separator: "\t") + "\n"
    }

    // MARK: - Fields

    /// Quotes a field holding a comma, quote, CR or LF, doubling its quotes.
    public static func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Tabs and line breaks become spaces (a CRLF becomes one space).
    static func tsvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) else { return text }
        return String(String.UnicodeScalarView(text.replacingOccurrences(of: "\r\n", with: " ").unicodeScalars.map {
            $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0
        }))
    }

    // MARK: - Table

    /// The header and one record per row, as plain strings. The live columns appear whenever
    /// `live` is not empty (a chunked export passes the whole selection's verdicts to every chunk,
    /// so all chunks share one header).
    static func table(_ matrix: Matrix, live: LiveVerdicts = .none) -> [[String]] {
        var records = [header(rowHeader: matrix.rowHeader, attributeNames: matrix.attributeNames, columns: matrix.columns, live: !live.isEmpty)]
        for row in matrix.rows {
            records.append(record(key: row.key, section: row.section,
                                  attributes: matrix.attributeNames.map { row.attribute($0)?.literal ?? "" },
                                  columns: matrix.columns, status: { row.cells[matrix.columns[$0].key]?.status ?? .untested },
                                  note: { row.cells[matrix.columns[$0].key]?.note }, rowNotes: row.notes, live: live))
        }
        return records
    }

    public static func header(rowHeader: String, attributeNames: [String], columns: [Column], live: Bool) -> [String] {
        let liveHeader = live ? columns.map { "\($0.title) live" } + ["Live notes"] : []
        return [rowHeader.isEmpty ? "Row" : rowHeader, "Section"] + attributeNames + columns.map(\.title) + liveHeader + ["Notes"]
    }

    /// One row's fields: name, section, attribute literals, the status word of each column
    /// (`status(i)` for `columns[i]`), the live words and notes when `live` is not empty, then
    /// every note of the row, whole: `key: note` per column (`note(i)`), then the row's own notes.
    public static func record(key: String, section: String?, attributes: [String], columns: [Column],
                              status: (Int) -> CellStatus, note: (Int) -> String?, rowNotes: [String],
                              live: LiveVerdicts) -> [String] {
        var record = [key, section ?? ""]
        record.reserveCapacity(3 + attributes.count + columns.count * 2)
        record += attributes
        for index in columns.indices { record.append(status(index).queryName) }
        if !live.isEmpty {
            record += columns.map { live[key, $0.key]?.status.queryName ?? "" }
            record.append(columns.compactMap { column in
                live[key, column.key].map { "\(column.key): " + liveNote($0) }
            }.joined(separator: "; "))
        }
        let cellNotes = columns.indices.compactMap { index in note(index).map { "\(columns[index].key): \($0)" } }
        record.append((cellNotes + rowNotes).joined(separator: "; "))
        return record
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
}

/// Writes CSV (RFC 4180) and TSV: row header, Section, the attributes, one status word per
/// column (`passed`, `failed`, `uncertain`, `untested`, `na`), and Notes. When the selection has
/// live results, a `<title> live` column per status column (the live verdict's word, empty where
/// none) and a `Live notes` column come before Notes, so a spreadsheet can filter either.
///
/// The writer appends UTF-8 bytes to ``bytes`` field by field: a million-cell export builds no
/// string per field and no array per line (the whole matrix as CSV is one pass over the grid's
/// status bytes). One record is assembled by ``record(key:section:attributes:columns:status:note:rowNotes:live:)``
/// whatever holds the data: a whole ``Matrix`` here, or the store's grid bytes and notes
/// (`MatrixDatabase.export`, which decodes only what it prints).
///
/// ```swift
/// DelimitedWriter.csv(params)   // "Parameter,Section,PyTorch,vLLM,TensorRT,Notes\r\n…"
/// DelimitedWriter.csvField("a,b")   // "\"a,b\""
/// var writer = DelimitedWriter(csv: true)
/// writer.record(["a,b", "c"])   // writer.bytes: "\"a,b\",c\r\n"
/// ```
public struct DelimitedWriter {
    /// CSV (quoted fields, CRLF) when true, TSV (LF, tabs and line breaks in fields become spaces) otherwise.
    public let csv: Bool
    /// What has been written so far; a caller streaming a large export takes it and calls ``clear()``.
    public private(set) var bytes: [UInt8] = []
    /// Where the open field starts in ``bytes`` (its text is escaped when it closes).
    private var fieldStart = 0
    private var atLineStart = true

    public init(csv: Bool, capacity: Int = 0) {
        self.csv = csv
        bytes.reserveCapacity(capacity)
    }

    public mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
    }

    // MARK: - Formats

    static func csv(_ matrix: Matrix, live: LiveVerdicts = .none) -> String {
        table(matrix, csv: true, live: live)
    }

    static func tsv(_ matrix: Matrix, live: LiveVerdicts = .none) -> String {
        table(matrix, csv: false, live: live)
    }

    /// One record as a CSV line (CRLF) or a TSV line (LF).
    public static func line(_ fields: [String], csv: Bool) -> String {
        var writer = DelimitedWriter(csv: csv)
        writer.record(fields)
        return writer.text
    }

    /// The bytes written, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Fields

    /// Quotes a field holding a comma, quote, CR or LF, doubling its quotes.
    public static func csvField(_ text: String) -> String {
        var writer = DelimitedWriter(csv: true)
        writer.field(text)
        return writer.text
    }

    /// Tabs and line breaks become spaces (a CRLF becomes one space).
    static func tsvField(_ text: String) -> String {
        var writer = DelimitedWriter(csv: false)
        writer.field(text)
        return writer.text
    }

    /// A whole field.
    public mutating func field(_ text: String) {
        openField()
        append(text)
        closeField()
    }

    /// A field known to need no quoting or replacing (a status word), without scanning it.
    mutating func plainField(_ utf8: [UInt8]) {
        openField()
        bytes.append(contentsOf: utf8)
    }

    /// Starts a field written in pieces with ``append(_:)``; ``closeField()`` escapes it.
    public mutating func openField() {
        if !atLineStart { bytes.append(csv ? 0x2C : 0x09) }
        atLineStart = false
        fieldStart = bytes.count
    }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
    }

    /// CSV: quotes the open field when it holds a comma, quote, CR or LF, doubling its quotes.
    /// TSV: its tabs and line breaks become spaces, a CRLF one space.
    public mutating func closeField() {
        let start = fieldStart
        let csv = csv
        let (special, quotes, crlfs) = bytes.withUnsafeBufferPointer { buffer -> (Bool, Int, Int) in
            var special = false, quotes = 0, crlfs = 0
            var index = start
            while index < buffer.count {
                let byte = buffer[index]
                if csv {
                    if byte == 0x22 { quotes += 1; special = true } else if byte == 0x2C || byte == 0x0D || byte == 0x0A { special = true }
                } else if byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    special = true
                    if byte == 0x0D, index + 1 < buffer.count, buffer[index + 1] == 0x0A { crlfs += 1 }
                }
                index += 1
            }
            return (special, quotes, crlfs)
        }
        guard special else { return }
        if csv { quote(from: start, quotes: quotes) } else { flatten(from: start, crlfs: crlfs) }
    }

    /// Rewrites `bytes[start...]` as `"…"` with each quote doubled, from the end backwards, in place.
    private mutating func quote(from start: Int, quotes: Int) {
        let oldEnd = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 2 + quotes))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var write = buffer.count - 1
            buffer[write] = 0x22
            var read = oldEnd - 1
            while read >= start {
                let byte = buffer[read]
                write -= 1
                buffer[write] = byte
                if byte == 0x22 {
                    write -= 1
                    buffer[write] = 0x22
                }
                read -= 1
            }
            buffer[start] = 0x22
        }
    }

    /// Replaces tabs, CR and LF in `bytes[start...]` with spaces, a CRLF with one space, in place.
    private mutating func flatten(from start: Int, crlfs: Int) {
        bytes.withUnsafeMutableBufferPointer { buffer in
            var write = start, read = start
            while read < buffer.count {
                let byte = buffer[read]
                if byte == 0x0D, read + 1 < buffer.count, buffer[read + 1] == 0x0A { read += 1 }
                buffer[write] = byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte
                write += 1
                read += 1
            }
        }
        bytes.removeLast(crlfs)
    }

    /// Ends the record: CRLF (CSV) or LF (TSV).
    public mutating func endRecord() {
        if csv { bytes.append(0x0D) }
        bytes.append(0x0A)
        atLineStart = true
    }

    /// One record of plain fields.
    public mutating func record(_ fields: [String]) {
        for field in fields { self.field(field) }
        endRecord()
    }

    // MARK: - Table

    /// The header and one record per row. The live columns appear whenever `live` is not empty
    /// (a chunked export passes the whole selection's verdicts to every chunk, so all chunks share
    /// one header).
    static func table(_ matrix: Matrix, csv: Bool, live: LiveVerdicts = .none) -> String {
        var writer = DelimitedWriter(csv: csv)
        writer.record(header(rowHeader: matrix.rowHeader, attributeNames: matrix.attributeNames, columns: matrix.columns, live: !live.isEmpty))
        for row in matrix.rows {
            writer.record(key: row.key, section: row.section,
                          attributes: matrix.attributeNames.map { row.attribute($0)?.literal ?? "" },
                          columns: matrix.columns, status: { row.cells[matrix.columns[$0].key]?.status ?? .untested },
                          note: { row.cells[matrix.columns[$0].key]?.note }, rowNotes: row.notes, live: live)
        }
        return writer.text
    }

    public static func header(rowHeader: String, attributeNames: [String], columns: [Column], live: Bool) -> [String] {
        let liveHeader = live ? columns.map { "\($0.title) live" } + ["Live notes"] : []
        return [rowHeader.isEmpty ? "Row" : rowHeader, "Section"] + attributeNames + columns.map(\.title) + liveHeader + ["Notes"]
    }

    /// One row: name, section, attribute literals, the status word of each column (`status(i)`
    /// for `columns[i]`), the live words and notes when `live` is not empty, then every note of
    /// the row, whole, in one field: `key: note` per column (`note(i)`), then the row's own notes,
    /// joined by `; `.
    public mutating func record(key: String, section: String?, attributes: [String], columns: [Column],
                                status: (Int) -> CellStatus, note: (Int) -> String?, rowNotes: [String],
                                live: LiveVerdicts) {
        field(key)
        field(section ?? "")
        for attribute in attributes { field(attribute) }
        for index in columns.indices { plainField(Self.statusWords[Int(status(index).code)]) }
        if !live.isEmpty {
            for column in columns { field(live[key, column.key]?.status.queryName ?? "") }
            field(columns.compactMap { column in
                live[key, column.key].map { "\(column.key): " + Self.liveNote($0) }
            }.joined(separator: "; "))
        }
        openField()
        var first = true
        for index in columns.indices {
            guard let text = note(index) else { continue }
            if !first { append("; ") }
            first = false
            append(columns[index].key)
            append(": ")
            append(text)
        }
        for text in rowNotes {
            if !first { append("; ") }
            first = false
            append(text)
        }
        closeField()
        endRecord()
    }

    /// ``CellStatus/queryName`` as UTF-8, by ``CellStatus/code``.
    static let statusWords: [[UInt8]] = (0...4).map { code in
        Array((CellStatus(code: UInt8(code)) ?? .untested).queryName.utf8)
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

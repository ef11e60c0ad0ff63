/// Reads a matrix back from the JSON export (`docs/export-schema.md`).
///
/// ```swift
/// let json = try JSONValue.parse(Array(MatrixExporter.export(params, as: .json).utf8))
/// try MatrixJSON.decode(json, path: "params.json").rows.count   // 110
/// ```
///
/// What the schema does not carry comes back empty: preamble and appendix, and an attribute's
/// literal text and footnotes (its values joined by `, ` stand in for the literal).
extension MatrixJSON {
    static func decode(_ value: JSONValue, path: String) throws(ImportError) -> Matrix {
        func fail(_ field: String, _ message: String) -> ImportError {
            ImportError(file: path, field: field, message: message)
        }
        func string(_ value: JSONValue?, _ field: String) throws(ImportError) -> String {
            guard case let .string(text)? = value else { throw fail(field, "expected a string") }
            return text
        }
        func optional(_ value: JSONValue?, _ field: String) throws(ImportError) -> String? {
            if value == nil || value == .null { return nil }
            return try string(value, field)
        }
        func strings(_ value: JSONValue?, _ field: String) throws(ImportError) -> [String] {
            guard case let .array(elements)? = value else { throw fail(field, "expected an array") }
            var result: [String] = []
            for (index, element) in elements.enumerated() { result.append(try string(element, "\(field)[\(index)]")) }
            return result
        }
        func array(_ value: JSONValue?, _ field: String) throws(ImportError) -> [JSONValue] {
            guard case let .array(elements)? = value else { throw fail(field, "expected an array") }
            return elements
        }

        guard case .object = value else { throw ImportError(file: path, message: "expected a matrix object") }
        let kindName = try string(value["kind"], "kind")
        guard let kind = MatrixKind(rawValue: kindName) else { throw fail("kind", "unknown kind \"\(kindName)\"") }
        var matrix = Matrix(name: try string(value["matrix"], "matrix"), title: try string(value["title"], "title"),
                            kind: kind, rowHeader: try optional(value["rowHeader"], "rowHeader") ?? "")
        for (index, column) in try array(value["columns"], "columns").enumerated() {
            let place = "columns[\(index)]"
            matrix.columns.append(Column(key: try string(column["key"], "\(place).key"),
                                         title: try string(column["title"], "\(place).title"),
                                         footnotes: column["footnotes"] == nil ? [] : try strings(column["footnotes"], "\(place).footnotes")))
        }
        matrix.attributeNames = try strings(value["attributes"], "attributes")
        for (index, rowValue) in try array(value["rows"], "rows").enumerated() {
            let place = "rows[\(index)]"
            var row = Row(key: try string(rowValue["key"], "\(place).key"),
                          section: try optional(rowValue["section"], "\(place).section"),
                          notes: try strings(rowValue["notes"] ?? .array([]), "\(place).notes"),
                          footnotes: try strings(rowValue["footnotes"] ?? .array([]), "\(place).footnotes"))
            for name in matrix.attributeNames {
                guard let values = rowValue["attributes"]?[name] else { continue }
                let list = try strings(values, "\(place).attributes.\(name)")
                row.attributes.append(Attribute(name: name, values: list))
            }
            for column in matrix.columns {
                guard let cell = rowValue["cells"]?[column.key] else { continue }
                if cell["literal"] == nil, cell["live"] != nil { continue }   // a live result only: untested in the source
                let field = "\(place).cells.\(column.key)"
                let word = try string(cell["status"], "\(field).status")
                guard let status = CellStatus(queryName: word) else { throw fail("\(field).status", "unknown status \"\(word)\"") }
                row.cells[column.key] = Cell(status: status, literal: try string(cell["literal"], "\(field).literal"),
                                             footnotes: try strings(cell["footnotes"] ?? .array([]), "\(field).footnotes"),
                                             note: try optional(cell["note"], "\(field).note"))
            }
            matrix.rows.append(row)
        }
        for (index, footnote) in try array(value["footnotes"], "footnotes").enumerated() {
            matrix.footnotes.append(Footnote(label: try string(footnote["label"], "footnotes[\(index)].label"),
                                             text: try string(footnote["text"], "footnotes[\(index)].text")))
        }
        matrix.notes = try strings(value["notes"] ?? .array([]), "notes")
        if case .object? = value["source"] {
            let formatName = try string(value["source"]?["format"], "source.format")
            guard let format = SourceDocument.Format(rawValue: formatName) else {
                throw fail("source.format", "unknown format \"\(formatName)\"")
            }
            matrix.source = SourceDocument(path: try string(value["source"]?["path"], "source.path"), format: format,
                                           sha256: try string(value["source"]?["sha256"], "source.sha256"))
        }
        return matrix
    }
}

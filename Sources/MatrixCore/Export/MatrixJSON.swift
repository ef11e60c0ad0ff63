/// The JSON export of a matrix, in the schema of `docs/export-schema.md`.
///
/// ```swift
/// let json = MatrixJSON.encode(params)
/// json["matrix"]   // .string("params")
/// ```
enum MatrixJSON {
    static func encode(_ matrix: Matrix, live: LiveVerdicts = .none) -> JSONValue {
        .object([
            "matrix": .string(matrix.name),
            "title": .string(matrix.title),
            "kind": .string(matrix.kind.rawValue),
            "rowHeader": .string(matrix.rowHeader),
            "columns": .array(matrix.columns.map { column in
                .object(["key": .string(column.key), "title": .string(column.title),
                         "footnotes": strings(column.footnotes)])
            }),
            "attributes": strings(matrix.attributeNames),
            "rows": .array(matrix.rows.map { row(for: $0, in: matrix, live: live) }),
            "footnotes": .array(matrix.footnotes.map { footnote in
                .object([
                    "label": .string(footnote.label),
                    "text": .string(footnote.text),
                    "citedBy": .array(matrix.citations(of: footnote.label).map { citation in
                        .object(["row": optional(citation.row), "column": optional(citation.column)])
                    }),
                ])
            }),
            "notes": strings(matrix.notes),
            "source": matrix.source.map { source in
                .object(["path": .string(source.path), "format": .string(source.format.rawValue),
                         "sha256": .string(source.sha256)])
            } ?? .null,
        ])
    }

    // MARK: - Parts

    private static func row(for row: Row, in matrix: Matrix, live: LiveVerdicts) -> JSONValue {
        var attributes: [String: JSONValue] = [:]
        for attribute in row.attributes { attributes[attribute.name] = strings(attribute.values) }
        var cells: [String: JSONValue] = [:]
        for column in matrix.columns {
            let verdict = live[row.key, column.key]
            guard let cell = row.cells[column.key] else {
                // A live result for a cell the source did not write: status and live only.
                if let verdict { cells[column.key] = .object(["status": .string(CellStatus.untested.queryName), "live": verdict.jsonValue]) }
                continue
            }
            var object: [String: JSONValue] = [
                "status": .string(cell.status.queryName),
                "literal": .string(cell.literal),
                "note": optional(cell.note),
                "footnotes": strings(cell.footnotes),
            ]
            if let verdict { object["live"] = verdict.jsonValue }
            cells[column.key] = .object(object)
        }
        return .object([
            "key": .string(row.key),
            "section": optional(row.section),
            "attributes": .object(attributes),
            "cells": .object(cells),
            "notes": strings(row.notes),
            "footnotes": strings(row.footnotes),
        ])
    }

    private static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    private static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}

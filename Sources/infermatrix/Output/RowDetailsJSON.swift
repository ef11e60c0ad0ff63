import MatrixCore
import MatrixStore

/// `show --format json`: the row, its cells with their live verdicts, footnotes, source, history
/// and recorded runs (each a runs-file object with its database `id`), as one JSON document.
///
/// ```swift
/// print(RowDetailsJSON.encode(details, columns: columns, live: live, timelines: timelines, runs: runs, runCount: 12).prettyText())
/// ```
enum RowDetailsJSON {
    static func encode(_ details: RowDetails, columns: [Column], live: LiveVerdicts, timelines: CellTimelines? = nil,
                       runs: [LiveRun], runCount: Int) -> JSONValue {
        let row = details.row
        var attributes: [String: JSONValue] = [:]
        for attribute in row.attributes { attributes[attribute.name] = .string(attribute.literal) }
        return .object([
            "matrix": .string(details.matrix),
            "title": .string(details.matrixTitle),
            "row": .string(row.key),
            "section": row.section.map(JSONValue.string) ?? .null,
            "attributes": .object(attributes),
            "notes": .array(row.notes.map(JSONValue.string)),
            "rowFootnotes": .array(row.footnotes.map(JSONValue.string)),
            "cells": .array(columns.map { column in
                let cell = row.cells[column.key]
                return .object([
                    "column": .string(column.key),
                    "title": .string(column.title),
                    "status": .string((cell?.status ?? .untested).queryName),
                    "literal": cell.map { .string($0.literal) } ?? .null,
                    "note": cell?.note.map(JSONValue.string) ?? .null,
                    "footnotes": .array((cell?.footnotes ?? []).map(JSONValue.string)),
                    "live": live[row.key, column.key]?.jsonValue ?? .null,
                    "environments": .array(timelines?.json(row: row.key, column: column.key) ?? []),
                ])
            }),
            "footnotes": .array(details.footnotes.map { footnote in
                .object(["label": .string(footnote.label), "text": .string(footnote.text),
                         "citedBy": .array(footnote.citedBy.map(JSONValue.string))])
            }),
            "source": details.source.map { source in
                .object(["path": .string(source.path), "format": .string(source.format.rawValue),
                         "sha256": .string(source.sha256), "importedAt": details.importedAt.map(JSONValue.string) ?? .null])
            } ?? .null,
            "history": .array(details.history.map { record in
                .object(["at": record.at.map(JSONValue.string) ?? .null,
                         "source": record.sourcePath.map(JSONValue.string) ?? .null,
                         "change": .string(ChangeText.describe(record.change))])
            }),
            "runCount": .number(String(runCount)),
            "runs": .array(runs.map(RunsFile.encodeRecorded)),
        ])
    }
}

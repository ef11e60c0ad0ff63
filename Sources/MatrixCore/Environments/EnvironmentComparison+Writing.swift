/// `compare`'s output formats: the records (for the CLI's aligned table), CSV, JSON and Markdown.
///
/// ```swift
/// diff.records()[0]   // ["Row", "Column", "h100·torch 2.11", "cpu·torch 2.11", "Change", …]
/// diff.json(fromName: "h100·torch 2.11", toName: "cpu·torch 2.11").prettyText()
/// ```
extension EnvironmentComparison {
    /// Header then one record per cell: row, column, both statuses, the label, both reasons.
    public func records(fromName: String, toName: String) -> [[String]] {
        [["Row", "Column", fromName, toName, "Change", "Reason (\(fromName))", "Reason (\(toName))"]]
            + cells.map { cell in
                [cell.row, cell.column, cell.from.queryName, cell.to.queryName, cell.comparison.label,
                 Self.oneLine(cell.fromReason), Self.oneLine(cell.toReason)]
            }
    }

    public func csv(fromName: String, toName: String) -> String {
        records(fromName: fromName, toName: toName).map { DelimitedWriter.line($0, csv: true) }.joined()
    }

    public func markdown(fromName: String, toName: String) -> String {
        let records = records(fromName: fromName, toName: toName)
        func line(_ fields: [String]) -> String {
            "| " + fields.map { $0.replacingOccurrences(of: "|", with: "/") }.joined(separator: " | ") + " |\n"
        }
        var out = "# \(fromName) → \(toName)\n\n"
        out += "\(summary)\n\n"
        out += line(records[0]) + line(records[0].map { _ in "---" })
        for record in records.dropFirst() { out += line(record) }
        return out
    }

    public func json(fromName: String, toName: String) -> JSONValue {
        .object([
            "from": .object(["name": .string(fromName), "key": .string(from.key), "summary": .string(from.summary)]),
            "to": .object(["name": .string(toName), "key": .string(to.key), "summary": .string(to.summary)]),
            "counts": .object(Dictionary(uniqueKeysWithValues: VerdictChange.allCases.map {
                ($0.rawValue, JSONValue.number(String(count($0))))
            })),
            "cells": .array(cells.map { cell in
                .object([
                    "row": .string(cell.row), "column": .string(cell.column),
                    "from": .string(cell.from.queryName), "to": .string(cell.to.queryName),
                    "change": .string(cell.comparison.change.rawValue), "detail": .string(cell.comparison.detail),
                    "fromReason": .string(cell.fromReason), "toReason": .string(cell.toReason),
                ])
            }),
        ])
    }

    /// `3 cells differ: 1 regression, 0 fixes, 2 differs`.
    public var summary: String {
        "\(cells.count) cell\(cells.count == 1 ? " differs" : "s differ"): \(count(.regression)) regression"
            + "\(count(.regression) == 1 ? "" : "s"), \(count(.fix)) fix\(count(.fix) == 1 ? "" : "es"), \(count(.differs)) differs"
    }

    static func oneLine(_ text: String) -> String {
        String((text.split(separator: "\n", maxSplits: 1).first ?? "").prefix(160))
    }
}

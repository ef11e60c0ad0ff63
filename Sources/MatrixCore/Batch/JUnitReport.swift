import Foundation

/// A batch as JUnit XML for CI: one `testsuite` per backend, one `testcase` per cell, `failure`
/// for a failed verdict, `error` for a broken run, `skipped` for a skip, with the reason as the
/// message and the checks' evidence in the body. `uncertain` is `skipped` too ("uncertain: …", the
/// evidence in `system-out`): no check observed the parameter act, so CI must not count it as a
/// passing test (JUnit has no "inconclusive").
///
/// ```swift
/// let xml = JUnitReport(backend: "pytorch", timestamp: "2026-03-01T10:00:00Z", outcomes: outcomes).xml
/// ```
public struct JUnitReport: Sendable {
    public var backend: String
    public var timestamp: String
    public var outcomes: [BatchOutcome]

    public init(backend: String, timestamp: String, outcomes: [BatchOutcome]) {
        self.backend = backend
        self.timestamp = timestamp
        self.outcomes = outcomes
    }

    public var xml: String {
        let count = { (status: LiveRunStatus) in self.outcomes.count { $0.run.status == status } }
        let skipped = count(.skipped) + count(.uncertain)
        let time = outcomes.reduce(0) { $0 + max($1.run.duration, 0) }
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += "<testsuites name=\"infermatrix\" tests=\"\(outcomes.count)\" failures=\"\(count(.failed))\" "
            + "errors=\"\(count(.error))\" skipped=\"\(skipped)\" time=\(attribute(Self.seconds(time)))>\n"
        out += "  <testsuite name=\(attribute(backend)) tests=\"\(outcomes.count)\" failures=\"\(count(.failed))\" "
            + "errors=\"\(count(.error))\" skipped=\"\(skipped)\" time=\(attribute(Self.seconds(time))) "
            + "timestamp=\(attribute(timestamp))>\n"
        for outcome in outcomes {
            out += testcase(outcome)
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    private func testcase(_ outcome: BatchOutcome) -> String {
        let run = outcome.run
        let request = outcome.cell.request
        let classname = "\(request.matrix).\(request.columnKey)"
        var out = "    <testcase classname=\(attribute(classname)) name=\(attribute(outcome.cell.name)) "
            + "time=\(attribute(Self.seconds(max(run.duration, 0))))"
        let evidence = run.checks.map { "\($0.passed ? "✓" : "✗") \($0.name): \($0.evidence)" }.joined(separator: "\n")
        let firstLine = String(run.reason.split(separator: "\n", maxSplits: 1).first ?? "")
        let compared = "imported \(outcome.cell.imported.queryName), live \(run.status.rawValue): \(outcome.comparison.rawValue)"
        switch run.status {
        case .passed:
            out += ">\n      <system-out>\(text(compared + "\n" + evidence))</system-out>\n    </testcase>\n"
        case .uncertain:
            out += ">\n      <skipped message=\(attribute("uncertain: " + firstLine))/>\n"
                + "      <system-out>\(text("uncertain: \(run.reason)\n\(compared)\n\(evidence)"))</system-out>\n    </testcase>\n"
        case .failed:
            out += ">\n      <failure message=\(attribute(firstLine)) type=\"failed\">\(text(run.reason + "\n" + evidence))</failure>\n"
                + "      <system-out>\(text(compared))</system-out>\n    </testcase>\n"
        case .skipped:
            out += ">\n      <skipped message=\(attribute(firstLine))/>\n    </testcase>\n"
        case .error:
            out += ">\n      <error message=\(attribute(firstLine)) type=\"error\">\(text(run.reason))</error>\n    </testcase>\n"
        }
        return out
    }

    // MARK: - Escaping

    private func attribute(_ value: String) -> String {
        "\"" + escape(value, quotes: true) + "\""
    }

    private func text(_ value: String) -> String { escape(value, quotes: false) }

    /// XML 1.0 escaping; characters XML cannot hold at all (most C0 controls) become U+FFFD.
    private func escape(_ value: String, quotes: Bool) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "\n" where quotes: out += "&#10;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}

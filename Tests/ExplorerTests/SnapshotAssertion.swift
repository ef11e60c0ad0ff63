import Foundation
import Screen
import Testing

/// Compares a rendered frame with `Snapshots/<name>.txt`: the characters, the style map (one
/// role letter per column) and the theme's look of every role used.
///
/// `INFERMATRIX_RECORD_SNAPSHOTS=1 swift test` rewrites the files. A missing snapshot is recorded
/// (and the test fails, so nobody mistakes it for a pass); under `CI=true` it is never recorded.
enum SnapshotAssertion {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func document(_ buffer: ScreenBuffer, theme: Theme) -> String {
        var text = "== text \(buffer.width)x\(buffer.height) ==\n" + buffer.text()
        text += "== styles ==\n" + buffer.styleMap()
        text += "== theme \(theme.name) ==\n"
        let used = Set(buffer.cells.map(\.role))
        for role in StyleRole.allCases where used.contains(role) {
            text += "\(role.letter) \(role.rawValue): \(theme.style(for: role).summary)\n"
        }
        return text
    }

    static func assertMatches(_ buffer: ScreenBuffer, theme: Theme, named name: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent("\(name).txt")
        let actual = document(buffer, theme: theme)
        let environment = ProcessInfo.processInfo.environment
        let record = environment["INFERMATRIX_RECORD_SNAPSHOTS"] == "1"
        let inCI = environment["CI"] == "true"
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            if record || !inCI {
                try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try? actual.write(to: url, atomically: true, encoding: .utf8)
                if !record { Issue.record("snapshot \(name) was missing and has been recorded; check it and commit it", sourceLocation: sourceLocation) }
            } else {
                Issue.record("snapshot \(name) is missing (CI never records; run with INFERMATRIX_RECORD_SNAPSHOTS=1 locally)", sourceLocation: sourceLocation)
            }
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = first.map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" } ?? "line counts differ"
            Issue.record("snapshot \(name) differs at \(where_)", sourceLocation: sourceLocation)
        }
    }
}

import Foundation
@testable import MatrixCore

/// Files the import and export tests read: the real sources under `data/sources` and the
/// fixtures next to this file, located through `#filePath`.
enum ImportFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func source(_ name: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent("data/sources/\(name)"), encoding: .utf8)
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: testsDirectory.appendingPathComponent("Fixtures/\(name)")))
    }

    static var seed000: String { get throws { try source("parameter-matrix.md") } }
    static var seed003: String { get throws { try source("trtllm-supported-models.txt") } }

    static func params() throws -> Matrix {
        try ParameterMatrixMarkdown.parse(try seed000, path: "parameter-matrix.md")
    }

    static func count(_ matrix: Matrix, _ column: String, where predicate: (CellStatus) -> Bool) -> Int {
        matrix.rows.filter { row in row.cells[column].map { predicate($0.status) } ?? false }.count
    }
}

import Testing
@testable import MatrixCore

/// D13: a document whose rows repeat a name, or name a row with megabytes, is refused with its
/// file and line (it used to reach SQLite's UNIQUE constraint, or make `list` print gigabytes).
@Suite("import limits: duplicate and oversized row names (D13)")
struct ImportLimitsTests {
    func document(_ rows: [String]) -> String {
        """
        # Matrix

        ## Core Settings

        | Parameter | PyTorch | vLLM | TensorRT | Notes |
        |---|---|---|---|---|
        \(rows.map { "| `\($0)` | ✅ | ❌ | ➖ |  |" }.joined(separator: "\n"))
        """
    }

    @Test("a row name twice: an error naming the file, the second line and the first")
    func duplicate() {
        #expect {
            _ = try ParameterMatrixMarkdown.parse(document(["a=1", "b=2", "a=1"]), path: "m.md")
        } throws: { error in
            (error as? ImportError)?.description == #"m.md:9: row "a=1" appears twice (first on line 7)"#
        }
    }

    @Test("a row name over the limit: an error with its size; at the limit it is accepted")
    func oversized() throws {
        let long = String(repeating: "x", count: Row.maximumKeyBytes + 1)
        #expect {
            _ = try ParameterMatrixMarkdown.parse(document(["a=1", long]), path: "m.md")
        } throws: { error in
            (error as? ImportError)?.description.hasPrefix("m.md:8: row name is 1025 bytes long") == true
        }
        let fits = String(repeating: "x", count: Row.maximumKeyBytes)
        #expect(try ParameterMatrixMarkdown.parse(document([fits]), path: "m.md").rows.first?.key == fits)
    }
}

import Testing
@testable import MatrixCore

/// D13: a document whose rows repeat a name, or name a row with megabytes, is refused with its
/// file and line (it used to reach SQLite's UNIQUE constraint, or make `list` print gigabytes).
@Suite("import limits: duplicate and oversized row names, notes, reasons and logs (D13)")
struct ImportLimitsTests {
    func document(_ rows: [String], note: String = "") -> String {
        """
        # Matrix

        ## Core Settings

        | Parameter | PyTorch | vLLM | TensorRT | Notes |
        |---|---|---|---|---|
        \(rows.map { "| `\($0)` | ✅ | ❌ | ➖ | \(note) |" }.joined(separator: "\n"))
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

    @Test("a Notes cell over the limit: an error naming file, line and the Notes column; at the limit it imports")
    func oversizedNote() throws {
        let long = "vllm: " + String(repeating: "e", count: Cell.maximumNoteBytes)
        #expect {
            _ = try ParameterMatrixMarkdown.parse(document(["a=1"], note: long), path: "m.md")
        } throws: { error in
            (error as? ImportError)?.description == "m.md:7: Notes: the Notes cell is \(Cell.maximumNoteBytes + 6) bytes long; at most \(Cell.maximumNoteBytes) are accepted"
        }
        let fits = "vllm: " + String(repeating: "e", count: Cell.maximumNoteBytes - 6)
        #expect(try ParameterMatrixMarkdown.parse(document(["a=1"], note: fits), path: "m.md").rows[0].cells["vllm"]?.note?.utf8.count
                == Cell.maximumNoteBytes - 6)
    }

    @Test("a result's error text over the limit: an error naming the file and results[i]")
    func oversizedResultNote() {
        let huge = String(repeating: "x", count: Cell.maximumNoteBytes + 1)
        let text = #"{"backend": "vllm", "results": [{"parameter_varied": "vllm.block_size", "parameter_value": 8, "status": "failed", "error_summary": "\#(huge)"}]}"#
        #expect {
            _ = try TestResultsJSON.parse(Array(text.utf8), path: "test_results_vllm.json")
        } throws: { error in
            (error as? ImportError)?.description.hasPrefix("test_results_vllm.json: results[0]: note is 65537 bytes long") == true
        }
    }

    @Test("a runs file whose reason or log is over the limit: an error naming the field and the log line")
    func oversizedRunsFields() throws {
        let fixture = String(decoding: try ImportFixtures.fixture("sample.runs.json"), as: UTF8.self)
        let half = String(repeating: "y", count: LiveRun.maximumLogBytes / 2)
        let longLog = fixture.replacingOccurrences(of: "\"[phase] load\",", with: "\"\(half)\", \"\(half)\", \"z\",")
        #expect {
            _ = try RunsFile.decode(Array(longLog.utf8), path: "sample.runs.json")
        } throws: { error in
            (error as? ImportError)?.description.hasPrefix("sample.runs.json: runs[0].log[2]: the log passes") == true
        }
        let longReason = fixture.replacingOccurrences(of: "\"1 check passed\"",
                                                      with: "\"\(String(repeating: "r", count: Cell.maximumNoteBytes + 1))\"")
        #expect {
            _ = try RunsFile.decode(Array(longReason.utf8), path: "sample.runs.json")
        } throws: { error in
            (error as? ImportError)?.description.hasPrefix("sample.runs.json: runs[0].reason: reason is 65537 bytes long") == true
        }
    }

    @Test("a live log over the limit keeps its head and tail and says how many lines it left out")
    func boundedLog() {
        #expect(LiveRun.bounded(["a", "b"], limit: 10) == ["a", "b"])
        let log = (0..<100).map { String(format: "line %02d", $0) }   // 7 bytes each
        let kept = LiveRun.bounded(log, limit: 70)
        #expect(kept.prefix(5) == log.prefix(5))
        #expect(kept.suffix(5) == log.suffix(5))
        #expect(kept[5] == "[engine] 90 log lines left out here: a run keeps at most 70 bytes of log")
        #expect(kept.count == 11)
    }
}

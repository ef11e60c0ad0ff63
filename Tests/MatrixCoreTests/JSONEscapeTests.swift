import Testing
@testable import MatrixCore

/// D1: `\u` escapes that are not characters (lone surrogates) used to trap the importer (SIGILL).
@Suite("JSON escapes: lone surrogates and bad hex")
struct JSONEscapeTests {
    func string(_ json: String) throws -> String? {
        try JSONValue.parse(Array(json.utf8)).stringValue
    }

    @Test("a high surrogate followed by a non-surrogate escape is U+FFFD, then the escape itself")
    func loneHigh() throws {
        #expect(try string(#""\uD800\u0041""#) == "\u{FFFD}A")
        #expect(try string(#""\uDBFF\uD800\uDC00""#) == "\u{FFFD}\u{10000}")
        #expect(try string(#""\uD800""#) == "\u{FFFD}")
        #expect(try string(#""\uD800x""#) == "\u{FFFD}x")
    }

    @Test("a lone low surrogate is U+FFFD; a pair is its character")
    func lowAndPairs() throws {
        #expect(try string(#""\uDC00""#) == "\u{FFFD}")
        #expect(try string(#""\uD83D\uDE00""#) == "😀")
    }

    @Test("\\u needs four hex digits: a sign or a short escape is a syntax error")
    func badHex() {
        for bad in [#""\u+123""#, #""\u-123""#, #""\u12""#, #""\uD800\u+123""#] {
            #expect(throws: JSONValue.SyntaxError.self, "\(bad)") { _ = try JSONValue.parse(Array(bad.utf8)) }
        }
    }

    @Test("the issue's results file is a clear import error, not a crash")
    func issueDocument() {
        let text = #"{"backend":"vllm","results":"\uD800\u0041"}"#
        #expect(throws: ImportError.self) { _ = try TestResultsJSON.parse(Array(text.utf8), path: "bad.json") }
    }
}

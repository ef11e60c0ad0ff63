import Testing
@testable import MatrixCore

@Suite("Query parsing")
struct QueryParsingTests {
    // MARK: - Keys and values

    @Test("backend:, feature: and column: all select columns; keys ignore case")
    func columnKeys() throws {
        let query = try Query.parse("backend:vllm FEATURE:cuda Column:x")
        #expect(query.terms.map(\.kind) == [.column("vllm"), .column("cuda"), .column("x")])
    }

    @Test("every key becomes its term kind")
    func everyKey() throws {
        let query = try Query.parse("status:failed section:quant model:qwen* matrix:params changed:regression word")
        #expect(query.terms.map(\.kind) == [
            .status(.unsupported), .section("quant"), .model("qwen*"), .matrix("params"),
            .changed("regression"), .word("word"),
        ])
    }

    @Test("status words and their synonyms map to statuses")
    func statusWords() throws {
        let query = try Query.parse("status:passed status:FAILED status:uncertain status:untested status:na status:n/a")
        #expect(query.terms.map(\.kind) == [
            .status(.supported), .status(.unsupported), .status(.uncertain), .status(.untested),
            .status(.notApplicable), .status(.notApplicable),
        ])
    }

    @Test("a leading dash negates a term and is part of its range")
    func negation() throws {
        let query = try Query.parse("backend:vllm -status:passed")
        #expect(query.terms[0] == QueryTerm(kind: .column("vllm"), negated: false, range: 0..<12))
        #expect(query.terms[1] == QueryTerm(kind: .status(.supported), negated: true, range: 13..<27))
    }

    @Test("a quoted value keeps its spaces and the term's range covers the quotes")
    func quotedValue() throws {
        let query = try Query.parse(#"feature:"KV Cache Reuse" status:failed"#)
        #expect(query.terms[0] == QueryTerm(kind: .column("KV Cache Reuse"), range: 0..<24))
        #expect(query.terms[1].kind == .status(.unsupported))
    }

    @Test("a quoted phrase is one free word, negatable")
    func quotedPhrase() throws {
        let query = try Query.parse(#"-"validation error" block"#)
        #expect(query.terms[0] == QueryTerm(kind: .word("validation error"), negated: true, range: 0..<19))
        #expect(query.terms[1].kind == .word("block"))
    }

    @Test("text with a colon whose prefix is not a letters-only key is a free word")
    func colonInText() throws {
        #expect(try Query.parse("vllm.block_size=8").terms.map(\.kind) == [.word("vllm.block_size=8")])
        #expect(try Query.parse("a.b:c").terms.map(\.kind) == [.word("a.b:c")])
        #expect(try Query.parse(":x").terms.map(\.kind) == [.word(":x")])
        #expect(try Query.parse(#""a:b""#).terms.map(\.kind) == [.word("a:b")])
    }

    @Test("an empty or blank query has no terms")
    func empty() throws {
        #expect(try Query.parse("").isEmpty)
        #expect(try Query.parse("   \t ").isEmpty)
        #expect(try !Query.parse("x").isEmpty)
    }

    @Test("matrixNames lists non-negated matrix: values in order")
    func matrixNames() throws {
        #expect(try Query.parse("matrix:features -matrix:params status:failed matrix:models").matrixNames == ["features", "models"])
        #expect(try Query.parse("status:failed").matrixNames == [])
    }

    @Test("ranges count Characters, so emoji and accents do not shift carets")
    func unicodeRanges() throws {
        let query = try Query.parse("🚀 café status:failed")
        #expect(query.terms[0] == QueryTerm(kind: .word("🚀"), range: 0..<1))
        #expect(query.terms[1] == QueryTerm(kind: .word("café"), range: 2..<6))
        #expect(query.terms[2].range == 7..<20)
    }

    // MARK: - Errors

    @Test("an unknown key points at its whole term")
    func unknownKey() {
        let error = #expect(throws: QueryError.self) { try Query.parse("backend:vllm colour:red") }
        #expect(error?.range == 13..<23)
        #expect(error?.message.hasPrefix("unknown key \"colour\"") == true)
        #expect(error?.description == """
            \(error?.message ?? "")
              backend:vllm colour:red
                           ^^^^^^^^^^
            """)
    }

    @Test("an unclosed quote points from the term's start to the end of the query")
    func unclosedQuote() {
        let error = #expect(throws: QueryError.self) { try Query.parse(#"status:failed feature:"KV cache"#) }
        #expect(error?.range == 14..<31)
        #expect(error?.message == "unclosed quote")
        let lone = #expect(throws: QueryError.self) { try Query.parse(#"""#) }
        #expect(lone?.range == 0..<1)
    }

    @Test("an empty value is an error at its term")
    func emptyValue() {
        let error = #expect(throws: QueryError.self) { try Query.parse("backend:vllm status:") }
        #expect(error?.range == 13..<20)
        #expect(error?.message.contains("needs a value") == true)
        #expect(throws: QueryError.self) { try Query.parse(#"feature:"""#) }
        #expect(throws: QueryError.self) { try Query.parse(#""""#) }
    }

    @Test("an unknown status word is an error that lists the known ones")
    func unknownStatus() {
        let error = #expect(throws: QueryError.self) { try Query.parse("-status:broken") }
        #expect(error?.range == 0..<14)
        #expect(error?.message.contains("passed, failed, uncertain, untested, na") == true)
    }

    @Test("changed: accepts any, regression and fix only")
    func changedWords() throws {
        #expect(try Query.parse("changed:ANY changed:fix").terms.map(\.kind) == [.changed("any"), .changed("fix")])
        let error = #expect(throws: QueryError.self) { try Query.parse("changed:sometimes") }
        #expect(error?.range == 0..<17)
    }

    @Test("a lone dash is an error at the dash")
    func loneDash() {
        let error = #expect(throws: QueryError.self) { try Query.parse("status:failed - x") }
        #expect(error?.range == 14..<15)
        #expect(throws: QueryError.self) { try Query.parse("-") }
    }

    @Test("the first error in text order is the one reported")
    func firstErrorWins() {
        let error = #expect(throws: QueryError.self) { try Query.parse(#"colour:red status:x "open"#) }
        #expect(error?.range == 0..<10)
    }

    // MARK: - Lenient parsing (the explorer's live filter)

    @Test("lenient parsing keeps the good terms and reports each bad one in place")
    func lenient() {
        let (query, errors) = Query.parseLeniently(#"backend:vllm status:fai - -section:quant "KV"#)
        #expect(query.terms.map(\.kind) == [.column("vllm"), .section("quant")])
        #expect(query.terms[1].negated)
        #expect(errors.map(\.range) == [13..<23, 24..<25, 41..<44])
        #expect(errors.map(\.message).last == "unclosed quote")
    }

    @Test("lenient parsing of a valid query equals strict parsing")
    func lenientAgrees() throws {
        let text = #"backend:vllm -status:passed "validation error" model:qwen*"#
        let (query, errors) = Query.parseLeniently(text)
        #expect(errors.isEmpty)
        #expect(query == (try Query.parse(text)))
    }

    // MARK: - Robustness

    @Test("odd inputs parse or fail cleanly, never crash", arguments: [
        "-", "--", "\"", "\"\"", "-\"", ":", "::", "a:", "-:", "status::", "\"a\"b\"", "model:\"q\"*",
        "👩‍👩‍👧‍👦", "-👍", "status:✅", "backend:\u{0}", "\u{301}", "   -  ", "a\"b c\"d", "x:\"", "é:x",
    ])
    func oddInputs(_ text: String) {
        switch Result(catching: { () throws(QueryError) -> Query in try Query.parse(text) }) {
        case .success(let query):
            for term in query.terms { #expect(term.range.upperBound <= text.count) }
        case .failure(let error):
            #expect(error.range.lowerBound >= 0 && error.range.upperBound <= text.count)
            #expect(!error.description.isEmpty)
        }
    }

    @Test("ten thousand pseudo-random queries never crash and keep ranges inside the text")
    func randomQueries() {
        let alphabet = Array("ab:-\" \tsStatu*?é🚀backendfailed")
        var seed: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<10_000 {
            var text = ""
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(seed >> 58)
            for _ in 0..<length {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int(seed >> 33) % alphabet.count])
            }
            do {
                let query = try Query.parse(text)
                for term in query.terms { #expect(term.range.upperBound <= text.count) }
            } catch {
                #expect(error.range.upperBound <= text.count)
            }
        }
    }
}

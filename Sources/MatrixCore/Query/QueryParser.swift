/// Turns the lexer's tokens into ``QueryTerm``s, checking keys and values.
///
/// It is separate from ``QueryLexer`` so that the rules about *what* a term means (known keys,
/// status words, `changed:` words) live in one place, and from ``Query`` so that the public type
/// stays a plain value.
///
/// ```swift
/// let terms = try QueryParser.terms(in: "backend:vllm -status:passed")
/// terms[1]   // QueryTerm(kind: .status(.supported), negated: true, range: 13..<27)
/// ```
enum QueryParser {
    // MARK: - Keys

    /// The keys a term may start with, in the order error messages list them.
    static let knownKeys = ["backend", "feature", "column", "status", "section", "model", "matrix", "changed", "env", "differs"]

    /// The words `changed:` accepts.
    static let changedWords = ["any", "regression", "fix"]

    // MARK: - Parsing

    /// Parses `text` into terms.
    ///
    /// - Throws: ``QueryError`` for the first offending term, in text order.
    static func terms(in text: String) throws(QueryError) -> [QueryTerm] {
        let (terms, errors) = lenientTerms(in: text)
        if let first = errors.first { throw first }
        return terms
    }

    /// Parses `text`, skipping terms that cannot be read and reporting each of them.
    static func lenientTerms(in text: String) -> (terms: [QueryTerm], errors: [QueryError]) {
        var terms: [QueryTerm] = []
        var errors: [QueryError] = []
        for piece in QueryLexer.scan(text) {
            switch piece {
            case .success(let token):
                do {
                    terms.append(try term(from: token))
                } catch {
                    errors.append(QueryError(message: error.message, query: text, range: token.range))
                }
            case .failure(let failure):
                errors.append(QueryError(message: failure.message, query: text, range: failure.range))
            }
        }
        return (terms, errors)
    }

    /// What went wrong with one token; the caller adds the query text and range.
    struct TermFailure: Error {
        var message: String
    }

    /// Interprets one token.
    static func term(from token: QueryLexer.Token) throws(TermFailure) -> QueryTerm {
        guard let rawKey = token.key else {
            // A bare `differs`: rows whose verdicts differ across the environments in view.
            if !token.quoted, token.value.lowercased() == "differs" {
                return QueryTerm(kind: .differs([]), negated: token.negated, range: token.range)
            }
            return try word(token.value, quoted: token.quoted, token: token)
        }
        let key = rawKey.lowercased()
        guard knownKeys.contains(key) else {
            if looksLikeKey(rawKey) {
                throw TermFailure(message: "unknown key \"\(rawKey)\" (known: \(knownKeys.joined(separator: ", ")))")
            }
            // `vllm.block_size=8:x`, `:foo`: not a key, just text.
            return try word(rawKey + ":" + token.value, quoted: token.quoted, token: token)
        }
        let value = token.value.trimmingWhitespace()
        guard !value.isEmpty else {
            throw TermFailure(message: "\"\(key):\" needs a value")
        }
        let kind: QueryTerm.Kind
        switch key {
        case "backend", "feature", "column":
            kind = .column(value)
        case "status":
            guard let status = CellStatus(queryName: value) else {
                throw TermFailure(message: "unknown status \"\(value)\" (known: passed, failed, uncertain, untested, na)")
            }
            kind = .status(status)
        case "section":
            kind = .section(value)
        case "model":
            kind = .model(value)
        case "matrix":
            kind = .matrix(value)
        case "env":
            kind = .environment(value)
        case "differs":
            let names = value.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            guard names.count >= 2 else {
                throw TermFailure(message: "\"differs:\" needs two or more environments, comma-separated (differs:doc,cpu-vllm-0.32)")
            }
            kind = .differs(names)
        default: // "changed"
            let word = value.lowercased()
            guard changedWords.contains(word) else {
                throw TermFailure(message: "unknown change \"\(value)\" (known: \(changedWords.joined(separator: ", ")))")
            }
            kind = .changed(word)
        }
        return QueryTerm(kind: kind, negated: token.negated, range: token.range)
    }

    /// A free word or quoted phrase; an empty phrase (`""`) is an error rather than a silent no-op.
    private static func word(_ text: String, quoted: Bool, token: QueryLexer.Token) throws(TermFailure) -> QueryTerm {
        let value = text.trimmingWhitespace()
        guard !value.isEmpty else {
            throw TermFailure(message: "empty phrase")
        }
        return QueryTerm(kind: .word(value), negated: token.negated, range: token.range)
    }

    /// A prefix made of letters only (`colour`, `Backend`) was meant as a key; anything else
    /// (`vllm.block_size=8`, `12`) is ordinary text that happens to contain a colon.
    static func looksLikeKey(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter }
    }
}

// MARK: - Trimming

extension String {
    /// The string without leading and trailing whitespace (Foundation-free, so MatrixCore's query
    /// code depends on nothing but the standard library).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}

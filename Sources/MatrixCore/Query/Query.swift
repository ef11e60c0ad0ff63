/// A parsed query: terms combined with AND.
///
/// The grammar, shared by the CLI and the explorer:
/// - a free word matches row names fuzzily (case-insensitive) and notes through full-text search;
/// - `backend:NAME`, `feature:NAME`, `column:NAME` keep those columns, and only rows with a tested
///   cell in them;
/// - `status:failed|passed|uncertain|untested|na` keeps rows with at least one such cell in the
///   kept columns;
/// - `section:NAME`, `model:GLOB` (row name, `*` and `?` wildcards), `matrix:NAME`;
/// - `env:NAME` shows the verdicts of that environment (`env:h100-torch-2.11`, `env:doc`);
/// - `differs` keeps rows whose verdicts differ across the environments in view, `differs:A,B`
///   across A and B; `changed:regression|fix` keeps regressions or fixes (same backend, same
///   device class — see `docs/environments.md`);
/// - `-` before a term negates it; values can be quoted: `feature:"KV Cache Reuse"`.
///
/// ```swift
/// let query = try Query.parse("backend:vllm status:failed")
/// ```
public struct Query: Sendable, Hashable {
    public var terms: [QueryTerm]
    public init(terms: [QueryTerm]) { self.terms = terms }

    /// - Throws: ``QueryError`` pointing at the offending term (unknown key, unclosed quote,
    ///   unknown status, empty value).
    public static func parse(_ text: String) throws(QueryError) -> Query {
        Query(terms: try QueryParser.terms(in: text))
    }

    // MARK: - Conveniences for the CLI and the explorer

    /// Parses what it can: every term that reads is kept, every one that does not is reported.
    /// The explorer filters live with this while the user is typing (`status:fai` is an error
    /// until the word is finished, and the other terms still narrow the grid).
    ///
    /// ```swift
    /// let (query, errors) = Query.parseLeniently("backend:vllm status:fai")
    /// query.terms.count   // 1;  errors[0].range == 13..<23
    /// ```
    public static func parseLeniently(_ text: String) -> (query: Query, errors: [QueryError]) {
        let (terms, errors) = QueryParser.lenientTerms(in: text)
        return (Query(terms: terms), errors)
    }

    /// True when the query has no terms (an empty or all-blank text): it selects everything.
    public var isEmpty: Bool { terms.isEmpty }

    /// The free words (negated or not), each once: what a notes' full-text index is asked about.
    ///
    /// ```swift
    /// try Query.parse(#"backend:vllm "validation error" -libxcb"#).freeWords   // ["validation error", "libxcb"]
    /// ```
    public var freeWords: [String] {
        terms.compactMap { term in if case .word(let word) = term.kind { word } else { nil } }.uniqued()
    }

    /// The values of the non-negated `matrix:` terms, in query order: the CLI uses the first to
    /// choose which matrix to list when `--matrix` is not given.
    ///
    /// ```swift
    /// try Query.parse("matrix:features status:failed").matrixNames   // ["features"]
    /// ```
    public var matrixNames: [String] {
        matrixNamesInQuery
    }

    /// The environments the query names, in query order: non-negated `env:` values, then the
    /// names of `differs:A,B` terms. Whoever builds the view (the CLI, the explorer) resolves them
    /// with ``EnvironmentIndex/lookup(_:)`` so an unknown name is an error listing the known ones.
    ///
    /// ```swift
    /// try Query.parse("env:cpu-vllm-0.32 differs:doc,h100-torch-2.11").environmentNames
    /// // ["cpu-vllm-0.32", "doc", "h100-torch-2.11"]
    /// ```
    public var environmentNames: [String] {
        var names: [String] = []
        for term in terms where !term.negated {
            if case .environment(let name) = term.kind, !names.contains(name) { names.append(name) }
        }
        for term in terms {
            if case .differs(let list) = term.kind { for name in list where !names.contains(name) { names.append(name) } }
        }
        return names
    }

    /// Whether a `differs` term is present (the view must show more than one environment).
    public var asksDiffers: Bool {
        terms.contains { if case .differs = $0.kind { return true } else { return false } }
    }

    private var matrixNamesInQuery: [String] {
        terms.compactMap { term in
            if case .matrix(let name) = term.kind, !term.negated { return name }
            return nil
        }
    }
}

/// One term of a query, with where it stood in the text (for error markers and highlighting).
public struct QueryTerm: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A free word or quoted phrase.
        case word(String)
        /// `backend:`, `feature:` and `column:` all select columns.
        case column(String)
        case status(CellStatus)
        case section(String)
        /// A row-name glob (`qwen*`).
        case model(String)
        case matrix(String)
        /// `changed:any|regression|fix`: a live verdict regressed or was fixed on the same backend
        /// and device class (never a document against a live run).
        case changed(String)
        /// `env:NAME`: the verdicts of that environment (resolved by whoever builds the view).
        case environment(String)
        /// `differs` (no names: the environments in view) or `differs:A,B`.
        case differs([String])
    }

    public var kind: Kind
    public var negated: Bool
    /// Character offsets `[start, end)` of the whole term in the query text.
    public var range: Range<Int>

    public init(kind: Kind, negated: Bool = false, range: Range<Int>) {
        self.kind = kind
        self.negated = negated
        self.range = range
    }
}

/// A query that could not be parsed, and where: `description` shows the query with a caret line.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var query: String
    /// Character offsets of the offending term.
    public var range: Range<Int>

    public init(message: String, query: String, range: Range<Int>) {
        self.message = message
        self.query = query
        self.range = range
    }

    /// ```
    /// unknown key "colour" (known: backend, feature, column, status, section, model, matrix, changed, env, differs)
    ///   backend:vllm colour:red
    ///                ^^^^^^^^^^
    /// ```
    public var description: String {
        let pad = String(repeating: " ", count: range.lowerBound)
        let carets = String(repeating: "^", count: max(1, range.count))
        return "\(message)\n  \(query)\n  \(pad)\(carets)"
    }
}

extension QueryTerm {
    // MARK: - Writing terms

    /// A value as a query writes it: quoted when it holds a space (`"KV Cache Reuse"`).
    ///
    /// ```swift
    /// QueryTerm.quoted("Core Settings")   // "\"Core Settings\""
    /// ```
    public static func quoted(_ value: String) -> String {
        value.contains(" ") ? "\"\(value)\"" : value
    }

    /// The term that keeps one status column: `backend:vllm` on the parameter matrix,
    /// `column:"KV Cache Reuse"` on the others.
    public static func columnTerm(key: String, kind: MatrixKind) -> String {
        (kind == .parameters ? "backend:" : "column:") + quoted(key)
    }
}

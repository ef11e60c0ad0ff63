/// A query compiled against one grid: which columns are kept, which sections are allowed, and the
/// status bits each row must (or must not) have.
///
/// Compiling resolves everything that depends on names only once per evaluation (column, section
/// and matrix terms touch a few dozen strings), so that the per-row loop in
/// ``MatrixGrid/select(_:index:noteMatches:)`` reads bytes and compares bit masks, nothing more.
///
/// ```swift
/// let plan = QueryPlan(query, grid: grid)
/// plan.keptColumns    // [1] for "backend:vllm" on the params grid
/// ```
struct QueryPlan {
    // MARK: - Row status bits

    /// Bit `code` is set when a kept cell has status `code` (``CellStatus/code``, 0...4); the
    /// upper bits record regressions, fixes and differing verdicts (``CellFlags``).
    static let changedAnyBit: UInt16 = 1 << 5
    static let regressionBit: UInt16 = 1 << 6
    static let fixBit: UInt16 = 1 << 7
    static let differsBit: UInt16 = 1 << 8
    /// Supported, unsupported and uncertain.
    static let testedBits: UInt16 = 1 << CellStatus.supported.code
        | 1 << CellStatus.unsupported.code | 1 << CellStatus.uncertain.code

    // MARK: - Compiled state

    /// Nothing can match: a `matrix:` term excludes this grid, or a column term matched no column.
    var selectsNothing = false
    /// Clear columns too (a column term matched nothing), not just rows.
    var dropsAllColumns = false
    var keptColumns: [Int]
    /// Rows must have a tested cell in the kept columns (a non-negated column term was given).
    var requiresTested = false
    /// Bits every row must have (positive `status:` and `changed:` terms).
    var requiredBits: UInt16 = 0
    /// Bits no row may have (negated `status:` and `changed:` terms).
    var forbiddenBits: UInt16 = 0
    /// Per section index, whether rows in it pass every `section:` term; nil when there are none.
    var sectionAllowed: [Bool]?
    /// Whether rows without a section pass every `section:` term.
    var unsectionedAllowed = true
    /// `model:` matchers with their negation.
    var models: [(matcher: RowKeyMatcher, negated: Bool)] = []
    /// Free words, as given (the note index is asked once per word at evaluation).
    var words: [(word: String, negated: Bool)] = []

    /// Whether rows need their status bits computed.
    var needsStatusBits: Bool { requiresTested || requiredBits != 0 || forbiddenBits != 0 }
    /// Whether rows need the text index (row keys, attributes).
    var needsText: Bool { !models.isEmpty || !words.isEmpty }

    // MARK: - Compiling

    init(_ query: Query, grid: MatrixGrid) {
        keptColumns = Array(0..<grid.columnCount)
        var included: [Bool]? = nil
        var excluded = [Bool](repeating: false, count: grid.columnCount)
        let lowerKeys = grid.columns.map { $0.key.lowercased() }
        let lowerTitles = grid.columns.map { $0.title.lowercased() }
        let lowerSections = grid.sectionNames.map { $0.lowercased() }

        for term in query.terms {
            switch term.kind {
            case .column(let value):
                let lowered = value.lowercased()
                let hits = (0..<grid.columnCount).filter {
                    QueryTerm.columnMatches(lowered, lowercasedKey: lowerKeys[$0], lowercasedTitle: lowerTitles[$0])
                }
                if term.negated {
                    for column in hits { excluded[column] = true }
                } else {
                    requiresTested = true
                    if hits.isEmpty { selectsNothing = true; dropsAllColumns = true }
                    var union = included ?? [Bool](repeating: false, count: grid.columnCount)
                    for column in hits { union[column] = true }
                    included = union
                }
            case .status(let status):
                let bit: UInt16 = 1 << status.code
                if term.negated { forbiddenBits |= bit } else { requiredBits |= bit }
            case .changed(let word):
                let bit = word == "regression" ? QueryPlan.regressionBit
                    : word == "fix" ? QueryPlan.fixBit : QueryPlan.changedAnyBit
                if term.negated { forbiddenBits |= bit } else { requiredBits |= bit }
            case .differs:
                if term.negated { forbiddenBits |= QueryPlan.differsBit } else { requiredBits |= QueryPlan.differsBit }
            case .environment:
                break   // the view shows that environment's verdicts; nothing to test per row
            case .section(let value):
                let lowered = value.lowercased()
                var allowed = sectionAllowed ?? [Bool](repeating: true, count: lowerSections.count)
                for (position, name) in lowerSections.enumerated() {
                    let hit = QueryTerm.sectionMatches(lowered, lowercasedSection: name)
                    if hit == term.negated { allowed[position] = false }
                }
                sectionAllowed = allowed
                if !term.negated { unsectionedAllowed = false }
            case .model(let value):
                models.append((RowKeyMatcher(value), term.negated))
            case .matrix(let value):
                if QueryTerm.matrixMatches(value, name: grid.name) == term.negated { selectsNothing = true }
            case .word(let word):
                words.append((word, term.negated))
            }
        }
        keptColumns = (0..<grid.columnCount).filter { (included?[$0] ?? true) && !excluded[$0] }
        if dropsAllColumns { keptColumns = [] }
    }
}

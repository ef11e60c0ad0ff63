/// Splits query text into raw tokens: whitespace-separated runs of characters, where whitespace
/// inside double quotes does not end a token.
///
/// The lexer knows nothing about keys or statuses; it only finds where each token starts and
/// ends (in `Character` offsets, so error carets line up with what a person typed), whether it is
/// negated, where its first unquoted `:` is, and whether a quote was left open. Keeping this
/// apart from ``QueryParser`` lets the explorer highlight tokens while the user is still typing.
///
/// ```swift
/// let pieces = QueryLexer.scan(#"-feature:"KV Cache" qwen"#)
/// try pieces[0].get().negated   // true;  its value is "KV Cache", its key "feature"
/// ```
struct QueryLexer {
    /// One whitespace-separated token.
    struct Token: Equatable {
        /// `[start, end)` in Character offsets, including a leading `-`.
        var range: Range<Int>
        /// A leading `-` was present.
        var negated: Bool
        /// Text before the first unquoted `:` when that colon comes before any quote; nil otherwise.
        var key: String?
        /// The value (after the colon, or the whole token) with quote characters removed.
        var value: String
        /// Some part of the token was quoted (so an empty value was typed on purpose: `""`).
        var quoted: Bool
    }

    /// The reason a token could not be read, with its range.
    struct Failure: Error, Equatable {
        var message: String
        var range: Range<Int>
    }

    // MARK: - Tokenising

    /// Reads every token of `text`, reporting a bad one in place and going on after it, so that
    /// the explorer can keep filtering with the good terms while the user is still typing.
    static func scan(_ text: String) -> [Result<Token, Failure>] {
        let characters = Array(text)
        var pieces: [Result<Token, Failure>] = []
        var index = 0
        while index < characters.count {
            if characters[index].isWhitespace {
                index += 1
                continue
            }
            let piece = readToken(characters, from: index)
            switch piece {
            case .success(let token): index = token.range.upperBound
            case .failure(let failure): index = max(failure.range.upperBound, index + 1)
            }
            pieces.append(piece)
        }
        return pieces
    }

    /// Reads one token starting at a non-whitespace character.
    private static func readToken(_ characters: [Character], from start: Int) -> Result<Token, Failure> {
        var index = start
        var negated = false
        if characters[index] == "-" {
            negated = true
            index += 1
            if index == characters.count || characters[index].isWhitespace {
                return .failure(Failure(message: "\"-\" must be followed by a term to negate", range: start..<index))
            }
        }
        var key: String?
        var value = ""
        var inQuote = false
        var sawQuote = false
        while index < characters.count {
            let character = characters[index]
            if character == "\"" {
                inQuote.toggle()
                sawQuote = true
            } else if !inQuote && character.isWhitespace {
                break
            } else if character == ":" && !inQuote && !sawQuote && key == nil {
                key = value
                value = ""
            } else {
                value.append(character)
            }
            index += 1
        }
        if inQuote {
            return .failure(Failure(message: "unclosed quote", range: start..<index))
        }
        return .success(Token(range: start..<index, negated: negated, key: key, value: value, quoted: sawQuote))
    }
}

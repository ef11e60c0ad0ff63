/// One cell of a ``ScreenBuffer``: a grapheme, its display width and its style.
///
/// A two-column grapheme occupies its cell (width 2) and the next one, a continuation cell
/// (width 0, empty text) that the terminal adapter skips.
public struct ScreenCell: Sendable, Hashable {
    public var text: String
    /// 1 for an ordinary cell, 2 for the first half of a wide grapheme, 0 for its continuation.
    public var width: UInt8
    public var role: StyleRole
    public var bold: Bool
    public var reverse: Bool

    public init(text: String = " ", width: UInt8 = 1, role: StyleRole = .normal, bold: Bool = false, reverse: Bool = false) {
        self.text = text
        self.width = width
        self.role = role
        self.bold = bold
        self.reverse = reverse
    }

    public static let blank = ScreenCell()
}

/// A frame in memory: `width × height` cells that rendering writes and the terminal copies out.
///
/// ```swift
/// var buffer = ScreenBuffer(width: 80, height: 24)
/// let end = buffer.write("vLLM ❌", x: 0, y: 0, role: .header)   // end == 7
/// ```
public struct ScreenBuffer: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [ScreenCell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    // MARK: - Access

    public subscript(x: Int, y: Int) -> ScreenCell {
        get { cells[y * width + x] }
        set { place(newValue, x: x, y: y) }
    }

    /// The cells of one line.
    public func line(_ y: Int) -> ArraySlice<ScreenCell> {
        cells[(y * width)..<(y * width + width)]
    }

    // MARK: - Writing

    /// Writes `text` from column `x` on line `y`, clipped at `maxX` (exclusive; the buffer's
    /// width by default). A wide grapheme that would not fit whole is replaced by a space.
    /// Returns the column after the last one written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole = .normal,
                               bold: Bool = false, reverse: Bool = false, maxX: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        var column = x
        // Imported text may carry escape sequences: none reaches the terminal (TerminalSafeText).
        for character in TerminalSafeText.clean(text, keepLineBreaks: false) {
            if column >= limit { break }
            let w = DisplayWidth.of(character)
            if w == 0 {
                // Attach to the previous cell so nothing is lost in the text dump.
                if column > 0, column - 1 >= x { cells[y * width + column - 1].text.append(character) }
                continue
            }
            if column < 0 { column += w; continue }
            if w == 2 && column + 1 >= limit {
                place(ScreenCell(text: " ", width: 1, role: role, bold: bold, reverse: reverse), x: column, y: y)
                column += 1
                break
            }
            place(ScreenCell(text: String(character), width: UInt8(w), role: role, bold: bold, reverse: reverse), x: column, y: y)
            if w == 2 {
                place(ScreenCell(text: "", width: 0, role: role, bold: bold, reverse: reverse), x: column + 1, y: y)
            }
            column += w
        }
        return column
    }

    /// Fills `count` cells from `x` on line `y` with spaces of a role.
    public mutating func fill(x: Int, y: Int, count: Int, role: StyleRole, character: Character = " ", reverse: Bool = false) {
        guard y >= 0, y < height else { return }
        let start = max(0, x)
        let end = min(width, x + count)
        guard start < end else { return }
        let cell = ScreenCell(text: String(character), width: 1, role: role, reverse: reverse)
        for column in start..<end { place(cell, x: column, y: y) }
    }

    // MARK: - The wide-glyph invariant

    /// Puts one cell, keeping every wide grapheme whole: a lead (width 2) is always followed by
    /// its continuation (width 0) and a continuation always follows a lead.
    ///
    /// Overwriting one half of a wide glyph blanks the other half. Without this a popup whose edge
    /// lands on half of `✅` left the terminal and curses disagreeing about what is on screen:
    /// cells vanished under the closed popup and later rows drew one column off.
    ///
    /// ```swift
    /// buffer.write("✅", x: 4, y: 0)          // cells 4 (lead) and 5 (continuation)
    /// buffer.write("│", x: 5, y: 0)          // cell 4 becomes a blank, not half a glyph
    /// ```
    private mutating func place(_ cell: ScreenCell, x: Int, y: Int) {
        let index = y * width + x
        let old = cells[index]
        if old.width == 0, cell.width != 0, x > 0, cells[index - 1].width == 2 {
            cells[index - 1] = ScreenCell(text: " ", width: 1, role: cells[index - 1].role)
        }
        if old.width == 2, cell.width != 2, x + 1 < width, cells[index + 1].width == 0 {
            cells[index + 1] = ScreenCell(text: " ", width: 1, role: old.role)
        }
        cells[index] = cell
    }

    /// Changes the role of existing cells without touching their text (cursor, marks).
    public mutating func restyle(x: Int, y: Int, count: Int, role: StyleRole, reverse: Bool? = nil) {
        guard y >= 0, y < height else { return }
        let start = max(0, x)
        let end = min(width, x + count)
        guard start < end else { return }
        for column in start..<end {
            cells[y * width + column].role = role
            if let reverse { cells[y * width + column].reverse = reverse }
        }
    }
}

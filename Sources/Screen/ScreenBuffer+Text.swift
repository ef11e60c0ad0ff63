/// Plain-text dumps of a frame, for snapshot files and end-to-end comparisons.
///
/// ```swift
/// buffer.text()        // "Parameters │ Models …\n…"
/// buffer.styleMap()    // "AAAAAAAAAAA IIIIII …\n…" (one ``StyleRole/letter`` per column)
/// ```
extension ScreenBuffer {
    /// The characters, one line per row, trailing spaces kept so lines have equal width.
    public func text() -> String {
        var out = ""
        out.reserveCapacity(width * height * 2)
        for y in 0..<height {
            for cell in line(y) where cell.width != 0 { out += cell.text }
            out += "\n"
        }
        return out
    }

    /// One letter per terminal column giving the cell's role (a continuation cell repeats it).
    public func styleMap() -> String {
        var out = ""
        for y in 0..<height {
            for cell in line(y) { out.append(cell.role.letter) }
            out += "\n"
        }
        return out
    }

    /// The text of one line, trimmed on the right.
    public func lineText(_ y: Int) -> String {
        var out = ""
        for cell in line(y) where cell.width != 0 { out += cell.text }
        while out.last == " " { out.removeLast() }
        return out
    }
}

/// Text from imported documents made harmless for a terminal: escape sequences (CSI `ESC [ … m`,
/// OSC `ESC ] 52 ; … BEL` clipboard writes, their 8-bit forms U+009B/U+009D, two-byte `ESC x`)
/// are removed whole, and every other control character but newline and tab is dropped, so a
/// row name or a note can neither clear the screen, move the cursor, retitle the window nor write
/// the clipboard (issue 14, D9). The explorer's screen buffer, `list` and `show` all pass through it.
///
/// ```swift
/// TerminalSafeText.clean("a\u{1B}[2Jb")                      // "ab"
/// TerminalSafeText.clean("x\u{1B}]52;c;aGk=\u{07}y")          // "xy"
/// TerminalSafeText.clean("line 1\nline 2\tend\r")            // "line 1\nline 2\tend"
/// TerminalSafeText.needsCleaning("plain text ✅")             // false (the fast path)
/// ```
public enum TerminalSafeText {
    /// Whether `text` holds anything ``clean(_:keepLineBreaks:)`` would remove (a byte scan).
    public static func needsCleaning(_ text: String, keepLineBreaks: Bool = true) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 {
                if !(keepLineBreaks && (byte == 0x0A || byte == 0x09)) { return true }
            } else if byte == 0x7F {
                return true
            } else if previous == 0xC2, (0x80...0x9F).contains(byte) {
                return true   // C1 controls U+0080…U+009F in UTF-8
            }
            previous = byte
        }
        return false
    }

    /// `text` without escape sequences or control characters (newline and tab kept unless
    /// `keepLineBreaks` is false, when they become spaces).
    public static func clean(_ text: String, keepLineBreaks: Bool = true) -> String {
        guard needsCleaning(text, keepLineBreaks: keepLineBreaks) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return scalars.next()
        }
        while let scalar = next() {
            switch scalar.value {
            case 0x0A, 0x09:
                out.append(keepLineBreaks ? scalar : " ")
            case 0x1B:
                guard let kind = next() else { break }
                switch kind.value {
                case 0x5B: skipCSI(&scalars)                     // ESC [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: skipString(&scalars)   // ESC ] / P / X / ^ / _
                default: if kind.value < 0x20 || kind.value == 0x7F { pending = kind }  // ESC then a control: look at it again
                }
            case 0x9B: skipCSI(&scalars)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: skipString(&scalars)
            case 0x00..<0x20, 0x7F, 0x80...0x9F:
                break
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Parameters and intermediates (0x20…0x3F) up to the final byte (0x40…0x7E).
    private static func skipCSI(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            if (0x40...0x7E).contains(scalar.value) || !(0x20...0x3F).contains(scalar.value) { return }
        }
    }

    /// A string command up to BEL, ST (`ESC \`) or U+009C.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x07, 0x9C: return
            case 0x1B:
                _ = scalars.next()   // the `\` of ST (or whatever follows: the sequence ends anyway)
                return
            default: continue
            }
        }
    }
}

/// A key press or mouse event, decoded by the terminal adapter and bound by the explorer's keymap.
///
/// ```swift
/// Key.char("j")      // a printable character
/// Key.ctrl("c")      // Ctrl-C
/// Key.mouse(.click(x: 12, y: 4))
/// ```
public enum Key: Sendable, Hashable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete
    case function(Int)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// The terminal went away (its tty hung up): the explorer quits.
    case hangup

    /// How the key is written in the help overlay (`↑`, `PgDn`, `Ctrl-C`, `space`).
    public var label: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        case .mouse: "mouse"
        case .resize: "resize"
        case .hangup: "hang-up"
        }
    }
}

/// A mouse event in screen coordinates (0-based).
public enum MouseEvent: Sendable, Hashable {
    case click(x: Int, y: Int)
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
}

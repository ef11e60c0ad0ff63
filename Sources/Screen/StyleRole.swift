/// What a screen cell *means*, not how it looks: a ``Theme`` turns roles into colours.
///
/// Rendering code only ever picks roles, so one frame can be shown in any theme and snapshot
/// tests can compare the meaning of every cell through ``ScreenBuffer/styleMap()``.
///
/// ```swift
/// buffer.write("❌", x: 10, y: 3, role: .failed)
/// theme.style(for: .failed).foreground   // .named(.red)
/// ```
public enum StyleRole: String, CaseIterable, Sendable, Hashable, Codable {
    case normal
    case header
    case frozen
    case cursor
    case passed
    case failed
    case uncertain
    case untested
    case na
    case noteMarker
    case selected
    case statusBar
    case tabActive
    case tabInactive
    case dim
    case error
    case paneBorder
    case separator
    case queryLine
    case highlight

    /// One letter per role, for the style maps of snapshot files.
    public var letter: Character {
        switch self {
        case .normal: "."
        case .header: "H"
        case .frozen: "F"
        case .cursor: "C"
        case .passed: "p"
        case .failed: "f"
        case .uncertain: "u"
        case .untested: "t"
        case .na: "n"
        case .noteMarker: "*"
        case .selected: "S"
        case .statusBar: "B"
        case .tabActive: "A"
        case .tabInactive: "I"
        case .dim: "d"
        case .error: "E"
        case .paneBorder: "|"
        case .separator: "-"
        case .queryLine: "Q"
        case .highlight: "!"
        }
    }
}

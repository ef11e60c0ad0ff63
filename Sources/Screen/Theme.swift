/// How each ``StyleRole`` looks: foreground, background and attributes, plus the preferred glyphs.
///
/// Themes are JSON files in `themes/` that a person can copy and edit; the same five ship built in
/// (``Theme/builtins``), so the program works from any directory.
///
/// ```swift
/// let theme = try Theme.decode(from: Data(contentsOf: url))
/// theme.style(for: .failed)    // RoleStyle(foreground: .named("red"), bold: true)
/// ```
public struct Theme: Sendable, Hashable, Codable {
    public var name: String
    /// `emoji`, `unicode` or `ascii`: the glyph set this theme is designed for.
    public var glyphs: String
    /// True when the theme uses no colour at all (attributes only).
    public var monochrome: Bool
    public var roles: [StyleRole: RoleStyle]

    public init(name: String, glyphs: String, monochrome: Bool = false, roles: [StyleRole: RoleStyle]) {
        self.name = name
        self.glyphs = glyphs
        self.monochrome = monochrome
        self.roles = roles
    }

    /// The style of a role; a role the file leaves out looks like `normal`.
    public func style(for role: StyleRole) -> RoleStyle {
        roles[role] ?? roles[.normal] ?? RoleStyle()
    }

    // MARK: - Codable (roles keyed by name, so the files read naturally)

    enum CodingKeys: String, CodingKey { case name, glyphs, monochrome, roles }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        glyphs = try container.decodeIfPresent(String.self, forKey: .glyphs) ?? "emoji"
        monochrome = try container.decodeIfPresent(Bool.self, forKey: .monochrome) ?? false
        let raw = try container.decode([String: RoleStyle].self, forKey: .roles)
        var roles: [StyleRole: RoleStyle] = [:]
        for (key, value) in raw {
            guard let role = StyleRole(rawValue: key) else {
                throw DecodingError.dataCorruptedError(forKey: .roles, in: container,
                    debugDescription: "unknown role \"\(key)\" (known: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            roles[role] = value
        }
        self.roles = roles
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(glyphs, forKey: .glyphs)
        try container.encode(monochrome, forKey: .monochrome)
        var raw: [String: RoleStyle] = [:]
        for (role, style) in roles { raw[role.rawValue] = style }
        try container.encode(raw, forKey: .roles)
    }
}

/// One role's look. Colours are names (`red`, `bright-blue`, `default`) or 256-colour indexes.
public struct RoleStyle: Sendable, Hashable, Codable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(fg: ThemeColor = .default, bg: ThemeColor = .default, bold: Bool = false,
                reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    enum CodingKeys: String, CodingKey { case fg, bg, bold, reverse, underline, dim }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fg = try c.decodeIfPresent(ThemeColor.self, forKey: .fg) ?? .default
        bg = try c.decodeIfPresent(ThemeColor.self, forKey: .bg) ?? .default
        bold = try c.decodeIfPresent(Bool.self, forKey: .bold) ?? false
        reverse = try c.decodeIfPresent(Bool.self, forKey: .reverse) ?? false
        underline = try c.decodeIfPresent(Bool.self, forKey: .underline) ?? false
        dim = try c.decodeIfPresent(Bool.self, forKey: .dim) ?? false
    }

    /// `fg=red bg=default bold`: for snapshot files.
    public var summary: String {
        var parts = ["fg=\(fg.name)", "bg=\(bg.name)"]
        if bold { parts.append("bold") }
        if reverse { parts.append("reverse") }
        if underline { parts.append("underline") }
        if dim { parts.append("dim") }
        return parts.joined(separator: " ")
    }
}

/// A terminal colour: the terminal's default, one of the 16 named colours, or a 256-colour index.
public enum ThemeColor: Sendable, Hashable, Codable {
    case `default`
    case indexed(Int)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// `red` → 1, `bright-red` → 9, `default` → -1.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" { self = .default; return }
        if let index = Self.names.firstIndex(of: lower) { self = .indexed(index); return }
        if lower.hasPrefix("bright-"), let index = Self.names.firstIndex(of: String(lower.dropFirst(7))) {
            self = .indexed(index + 8); return
        }
        return nil
    }

    /// The ncurses colour number (-1 for the default colour).
    public var number: Int {
        switch self {
        case .default: -1
        case .indexed(let n): n
        }
    }

    /// The index on a terminal with only `colors` colours: 256-colour indexes fall back to the 8 basic ones.
    public func number(onTerminalWith colors: Int) -> Int {
        let n = number
        if n < colors { return n }
        return Self.basicFallback(n)
    }

    public var name: String {
        switch self {
        case .default: "default"
        case .indexed(let n) where n < 8: Self.names[n]
        case .indexed(let n) where n < 16: "bright-" + Self.names[n - 8]
        case .indexed(let n): String(n)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int.self), (0...255).contains(n) { self = .indexed(n); return }
        let text = try c.decode(String.self)
        if let color = ThemeColor(name: text) { self = color; return }
        if let n = Int(text), (0...255).contains(n) { self = .indexed(n); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription:
            "unknown colour \"\(text)\": use default, \(Self.names.joined(separator: ", ")), bright-NAME or 0-255")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .indexed(let n) where n >= 16: try c.encode(n)
        default: try c.encode(name)
        }
    }

    /// Nearest of the 8 basic colours for a 256-colour index (xterm cube or grey ramp).
    static func basicFallback(_ n: Int) -> Int {
        if n < 16 { return n % 8 }
        if n >= 232 { return n < 244 ? 0 : 7 }
        let i = n - 16
        let r = i / 36, g = (i / 6) % 6, b = i % 6
        return (r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0)
    }
}

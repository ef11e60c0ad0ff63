import Foundation

/// The five themes that ship with InferMatrix. `themes/*.json` holds the same values as
/// editable files (a test keeps the two in step).
///
/// ```swift
/// Theme.named("colour-blind-safe")?.style(for: .failed).fg   // .indexed(208), orange
/// ```
extension Theme {
    public static let builtins: [Theme] = [.dark, .light, .highContrast, .colourBlindSafe, .monochromeTheme]

    public static func named(_ name: String) -> Theme? {
        let key = name.lowercased().replacingOccurrences(of: "color", with: "colour")
        return builtins.first { $0.name == key }
    }

    // MARK: - Loading

    /// Reads a theme file (JSON).
    public static func decode(from data: Data) throws -> Theme {
        try JSONDecoder().decode(Theme.self, from: data)
    }

    /// The theme as an editable JSON file.
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    // MARK: - The themes

    private static func c(_ name: String) -> ThemeColor { ThemeColor(name: name) ?? .default }

    public static let dark = Theme(name: "dark", glyphs: "emoji", roles: [
        .normal: RoleStyle(),
        .header: RoleStyle(fg: c("bright-white"), bold: true, underline: true),
        .frozen: RoleStyle(fg: c("cyan")),
        .cursor: RoleStyle(fg: c("black"), bg: c("cyan"), bold: true),
        .passed: RoleStyle(fg: c("green"), dim: true),
        .failed: RoleStyle(fg: c("bright-red"), bold: true),
        .uncertain: RoleStyle(fg: c("yellow"), bold: true),
        .untested: RoleStyle(fg: .indexed(244)),
        .na: RoleStyle(fg: .indexed(240)),
        .noteMarker: RoleStyle(fg: c("magenta"), bold: true),
        .selected: RoleStyle(fg: c("white"), bg: c("blue")),
        .statusBar: RoleStyle(fg: c("black"), bg: c("white")),
        .tabActive: RoleStyle(fg: c("black"), bg: c("cyan"), bold: true),
        .tabInactive: RoleStyle(fg: c("white"), bg: .indexed(236)),
        .dim: RoleStyle(fg: .indexed(244)),
        .error: RoleStyle(fg: c("white"), bg: c("red"), bold: true),
        .paneBorder: RoleStyle(fg: c("blue")),
        .separator: RoleStyle(fg: c("blue"), bold: true),
        .queryLine: RoleStyle(fg: c("bright-white"), bg: .indexed(236)),
        .highlight: RoleStyle(fg: c("yellow"), bold: true, underline: true),
    ])

    public static let light = Theme(name: "light", glyphs: "emoji", roles: [
        .normal: RoleStyle(fg: c("black")),
        .header: RoleStyle(fg: c("black"), bold: true, underline: true),
        .frozen: RoleStyle(fg: c("blue")),
        .cursor: RoleStyle(fg: c("white"), bg: c("blue"), bold: true),
        .passed: RoleStyle(fg: .indexed(28)),
        .failed: RoleStyle(fg: .indexed(160), bold: true),
        .uncertain: RoleStyle(fg: .indexed(130), bold: true),
        .untested: RoleStyle(fg: .indexed(245)),
        .na: RoleStyle(fg: .indexed(248)),
        .noteMarker: RoleStyle(fg: c("magenta"), bold: true),
        .selected: RoleStyle(fg: c("black"), bg: .indexed(153)),
        .statusBar: RoleStyle(fg: c("white"), bg: c("black")),
        .tabActive: RoleStyle(fg: c("white"), bg: c("blue"), bold: true),
        .tabInactive: RoleStyle(fg: c("black"), bg: .indexed(252)),
        .dim: RoleStyle(fg: .indexed(245)),
        .error: RoleStyle(fg: c("white"), bg: .indexed(160), bold: true),
        .paneBorder: RoleStyle(fg: c("blue")),
        .separator: RoleStyle(fg: c("blue"), bold: true),
        .queryLine: RoleStyle(fg: c("black"), bg: .indexed(254)),
        .highlight: RoleStyle(fg: .indexed(130), bold: true, underline: true),
    ])

    public static let highContrast = Theme(name: "high-contrast", glyphs: "emoji", roles: [
        .normal: RoleStyle(fg: c("bright-white"), bg: c("black")),
        .header: RoleStyle(fg: c("bright-yellow"), bg: c("black"), bold: true, underline: true),
        .frozen: RoleStyle(fg: c("bright-cyan"), bg: c("black"), bold: true),
        .cursor: RoleStyle(fg: c("black"), bg: c("bright-yellow"), bold: true),
        .passed: RoleStyle(fg: c("bright-green"), bg: c("black"), bold: true),
        .failed: RoleStyle(fg: c("bright-white"), bg: c("red"), bold: true),
        .uncertain: RoleStyle(fg: c("black"), bg: c("bright-yellow"), bold: true),
        .untested: RoleStyle(fg: c("white"), bg: c("black")),
        .na: RoleStyle(fg: c("white"), bg: c("black")),
        .noteMarker: RoleStyle(fg: c("bright-magenta"), bg: c("black"), bold: true),
        .selected: RoleStyle(fg: c("black"), bg: c("bright-white"), bold: true),
        .statusBar: RoleStyle(fg: c("black"), bg: c("bright-white"), bold: true),
        .tabActive: RoleStyle(fg: c("black"), bg: c("bright-yellow"), bold: true),
        .tabInactive: RoleStyle(fg: c("bright-white"), bg: c("black"), underline: true),
        .dim: RoleStyle(fg: c("white"), bg: c("black")),
        .error: RoleStyle(fg: c("bright-white"), bg: c("red"), bold: true),
        .paneBorder: RoleStyle(fg: c("bright-white"), bg: c("black"), bold: true),
        .separator: RoleStyle(fg: c("bright-cyan"), bg: c("black"), bold: true),
        .queryLine: RoleStyle(fg: c("bright-white"), bg: c("blue"), bold: true),
        .highlight: RoleStyle(fg: c("black"), bg: c("bright-yellow"), bold: true, underline: true),
    ])

    /// Blue for passed, orange for failed, never red against green; glyphs differ in shape too.
    public static let colourBlindSafe = Theme(name: "colour-blind-safe", glyphs: "unicode", roles: [
        .normal: RoleStyle(),
        .header: RoleStyle(fg: c("bright-white"), bold: true, underline: true),
        .frozen: RoleStyle(fg: .indexed(153)),
        .cursor: RoleStyle(fg: c("black"), bg: c("white"), bold: true),
        .passed: RoleStyle(fg: .indexed(33)),
        .failed: RoleStyle(fg: .indexed(208), bold: true, underline: true),
        .uncertain: RoleStyle(fg: .indexed(220), bold: true),
        .untested: RoleStyle(fg: .indexed(244)),
        .na: RoleStyle(fg: .indexed(240)),
        .noteMarker: RoleStyle(fg: .indexed(208), bold: true),
        .selected: RoleStyle(fg: c("white"), bg: .indexed(25)),
        .statusBar: RoleStyle(fg: c("black"), bg: .indexed(153)),
        .tabActive: RoleStyle(fg: c("black"), bg: .indexed(33), bold: true),
        .tabInactive: RoleStyle(fg: c("white"), bg: .indexed(236)),
        .dim: RoleStyle(fg: .indexed(244)),
        .error: RoleStyle(fg: c("black"), bg: .indexed(208), bold: true),
        .paneBorder: RoleStyle(fg: .indexed(33)),
        .separator: RoleStyle(fg: .indexed(33), bold: true),
        .queryLine: RoleStyle(fg: c("bright-white"), bg: .indexed(236)),
        .highlight: RoleStyle(fg: .indexed(208), bold: true, underline: true),
    ])

    /// No colour: attributes only. Used for `NO_COLOR` and terminals without colours.
    public static let monochromeTheme = Theme(name: "monochrome", glyphs: "unicode", monochrome: true, roles: [
        .normal: RoleStyle(),
        .header: RoleStyle(bold: true, underline: true),
        .frozen: RoleStyle(),
        .cursor: RoleStyle(reverse: true),
        .passed: RoleStyle(dim: true),
        .failed: RoleStyle(bold: true),
        .uncertain: RoleStyle(bold: true, underline: true),
        .untested: RoleStyle(dim: true),
        .na: RoleStyle(dim: true),
        .noteMarker: RoleStyle(bold: true),
        .selected: RoleStyle(underline: true),
        .statusBar: RoleStyle(reverse: true),
        .tabActive: RoleStyle(bold: true, reverse: true),
        .tabInactive: RoleStyle(underline: true),
        .dim: RoleStyle(dim: true),
        .error: RoleStyle(bold: true, reverse: true),
        .paneBorder: RoleStyle(),
        .separator: RoleStyle(bold: true),
        .queryLine: RoleStyle(reverse: true),
        .highlight: RoleStyle(bold: true, underline: true),
    ])
}

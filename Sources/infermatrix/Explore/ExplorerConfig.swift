import Foundation
import Screen

/// `$XDG_CONFIG_HOME/infermatrix/config.json` (default `~/.config/infermatrix/config.json`):
/// `{"theme": "dark", "glyphs": "emoji"}`. A theme is a built-in name or a path to a JSON file;
/// `themes/NAME.json` under the config directory is looked up too.
///
/// ```swift
/// let theme = try ExplorerConfig.load().resolveTheme(override: "light")
/// ```
struct ExplorerConfig: Codable {
    var theme: String?
    var glyphs: String?

    static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return base.appendingPathComponent("infermatrix")
    }

    static func load() -> ExplorerConfig {
        let url = directory().appendingPathComponent("config.json")
        guard let data = try? Data(contentsOf: url) else { return ExplorerConfig() }
        return (try? JSONDecoder().decode(ExplorerConfig.self, from: data)) ?? ExplorerConfig()
    }

    /// The theme named on the command line, else in the config file, else `dark`.
    func resolveTheme(override: String?) throws -> Theme {
        let name = override ?? theme ?? "dark"
        if let builtin = Theme.named(name) { return builtin }
        let candidates = [URL(fileURLWithPath: name), Self.directory().appendingPathComponent("themes/\(name).json"),
                          URL(fileURLWithPath: "themes/\(name).json")]
        for url in candidates where FileManager.default.fileExists(atPath: url.path) {
            return try Theme.decode(from: Data(contentsOf: url))
        }
        throw ExploreError("unknown theme \"\(name)\" (built in: \(Theme.builtins.map(\.name).joined(separator: ", ")); or a path to a JSON theme file)")
    }

    func resolveGlyphs(override: String?, theme: Theme) throws -> GlyphSet {
        let name = override ?? glyphs ?? theme.glyphs
        guard let set = GlyphSet.named(name) else {
            throw ExploreError("unknown glyph set \"\(name)\" (emoji, unicode, ascii)")
        }
        return set
    }
}

/// A message for the person at the terminal.
struct ExploreError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

import ArgumentParser
import Foundation
import MatrixStore

/// `infermatrix explore` (and `infermatrix` with no arguments): the full-screen explorer.
///
/// ```sh
/// infermatrix explore --theme colour-blind-safe --db ./matrix.sqlite
/// ```
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the full-screen explorer (the default with no subcommand).",
        discussion: """
            Themes: dark, light, high-contrast, colour-blind-safe, monochrome, or a JSON theme file \
            (see docs/themes.md). NO_COLOR and terminals without colours get monochrome; a non-UTF-8 \
            locale gets ASCII glyphs. Press ? inside for every key.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var look: LookOptions

    func run() throws {
        try Self.launch(databasePath: database.path, theme: look.theme, glyphs: look.glyphs)
    }

    /// Opens the database and runs the explorer until the person quits.
    static func launch(databasePath: String, theme: String? = nil, glyphs: String? = nil) throws {
        let config = ExplorerConfig.load()
        let chosenTheme = try config.resolveTheme(override: theme)
        let chosenGlyphs = try config.resolveGlyphs(override: glyphs, theme: chosenTheme)
        let store = try MatrixDatabase.openOrCreate(path: databasePath) {
            Console.note($0)
        }
        try ExplorerApp(source: StoreDataSource(store: store), theme: chosenTheme, glyphs: chosenGlyphs).run()
    }
}

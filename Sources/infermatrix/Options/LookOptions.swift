import ArgumentParser

/// `--theme` and `--glyphs`, shared by `infermatrix explore` and the bare `infermatrix`
/// (both open the explorer).
struct LookOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Colour theme: a built-in name or a theme JSON file.", valueName: "name"))
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("Status glyphs: emoji, unicode or ascii (default: the theme's).", valueName: "set"))
    var glyphs: String?
}

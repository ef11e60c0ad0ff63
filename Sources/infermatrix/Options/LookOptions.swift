import ArgumentParser

/// `--theme`, `--glyphs` and `--start-view`, shared by `infermatrix explore` and the bare
/// `infermatrix` (both open the explorer).
struct LookOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Colour theme: a built-in name or a theme JSON file.", valueName: "name"))
    var theme: String?

    @Option(name: .long, help: ArgumentHelp("Status glyphs: emoji, unicode or ascii (default: the theme's).", valueName: "set"))
    var glyphs: String?

    @Option(name: .customLong("start-view"), help: ArgumentHelp(
        "How tabs open: mine (the document beside this machine's environment when it has runs) or default.",
        valueName: "view"))
    var startView: StartView = .mine

    enum StartView: String, ExpressibleByArgument, CaseIterable { case mine, `default` }
}

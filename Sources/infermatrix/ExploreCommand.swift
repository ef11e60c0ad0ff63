import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore
import Terminal

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
    @OptionGroup var savedView: ViewOption

    @Option(name: .long, help: ArgumentHelp("T runs batches on this Ray cluster (HOST:PORT, ray://…, local; bare: RAY_ADDRESS); R switches.",
                                            valueName: "address"))
    var ray: String?

    func run() throws {
        try Self.launch(databasePath: database.path, theme: look.theme, glyphs: look.glyphs,
                        ray: ray == "auto" ? ProcessInfo.processInfo.environment["RAY_ADDRESS"] ?? "local" : ray,
                        startView: look.startView, view: savedView)
    }

    /// Opens the database and runs the explorer until the person quits.
    static func launch(databasePath: String, theme: String? = nil, glyphs: String? = nil, ray: String? = nil,
                       startView: LookOptions.StartView = .mine, view: ViewOption = ViewOption()) throws {
        if let reason = TerminalEnvironment.unusableReason(stdinIsTerminal: isatty(STDIN_FILENO) == 1,
                                                           stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
                                                           term: ProcessInfo.processInfo.environment["TERM"]) {
            Console.error(reason)
            throw ExitCode(1)
        }
        // `--view NAME` that does not exist stops here, before the screen; a broken views file
        // without `--view` only says so inside the explorer.
        let startWith = try view.load()
        var views: [SavedView] = [], viewsProblem: String?
        do { views = try SavedViews.load().views } catch { viewsProblem = "\(error)" }
        let config = ExplorerConfig.load()
        let chosenTheme = try config.resolveTheme(override: theme)
        let chosenGlyphs = try config.resolveGlyphs(override: glyphs, theme: chosenTheme)
        let store = try MatrixDatabase.openOrCreate(path: databasePath) {
            Console.note($0)
        }
        try ExplorerApp(source: StoreDataSource(store: store, opensOnThisMachine: startView == .mine),
                        theme: chosenTheme, glyphs: chosenGlyphs, ray: ray,
                        views: views, viewsProblem: viewsProblem, startWith: startWith).run()
        // Quit by a signal (SIGTERM, SIGHUP, Ctrl-C outside the keys): the terminal is restored,
        // and the exit status says so, as a shell expects.
        if TerminalRestore.requestedBy != 0 { throw ExitCode(128 + TerminalRestore.requestedBy) }
    }
}

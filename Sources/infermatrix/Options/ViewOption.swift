import ArgumentParser
import MatrixCore
import MatrixStore

/// `--view NAME`: a saved view (``SavedView``: query, columns, sort, environments) for
/// `explore`, `list` and `export`; views are saved with `W` in the explorer.
struct ViewOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A saved view (W in the explorer saves one; ~/.config/infermatrix/views.json): its query, columns, sort and environments.",
        valueName: "name"))
    var view: String?

    /// The named view; nil without `--view`.
    ///
    /// - Throws: ``ImportError`` naming views.json (unreadable, or no view of that name).
    func load() throws -> SavedView? {
        guard let view else { return nil }
        return try SavedViews.load().named(view)
    }
}

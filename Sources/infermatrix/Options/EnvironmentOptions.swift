import ArgumentParser

/// `--env NAME` (repeatable): whose verdicts a command shows. One live environment overlays the
/// document; `doc` alone shows the document; two or more are side by side (`docs/environments.md`).
/// `--document` is `--env doc` by its plain name: the imported document alone, no live verdicts,
/// marks or live notes (`export --document` of `params` as Markdown reproduces seed 000).
struct EnvironmentOptions: ParsableArguments {
    @Option(name: .customLong("env"), help: ArgumentHelp(
        "An environment whose verdicts to show (repeatable; see `infermatrix envs`): `doc`, `h100-torch-2.11`, an alias.",
        valueName: "name"))
    var typed: [String] = []

    @Flag(name: .long, help: "The imported document only: no live verdicts, marks or live notes (the same as --env doc).")
    var document = false

    /// The environments asked for: the `--env` names, or `doc` for `--document`.
    var names: [String] { document ? ["doc"] : typed }

    func validate() throws {
        if document && !typed.isEmpty { throw ValidationError("--document shows the document alone; drop --env, or use --env doc beside others") }
    }
}

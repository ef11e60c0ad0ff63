import ArgumentParser

/// `--env NAME` (repeatable): whose verdicts a command shows. One live environment overlays the
/// document; `doc` alone shows the document; two or more are side by side (`docs/environments.md`).
struct EnvironmentOptions: ParsableArguments {
    @Option(name: .customLong("env"), help: ArgumentHelp(
        "An environment whose verdicts to show (repeatable; see `infermatrix envs`): `doc`, `h100-torch-2.11`, an alias.",
        valueName: "name"))
    var names: [String] = []
}

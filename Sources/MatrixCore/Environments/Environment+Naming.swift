/// Short readable names: `h100·torch 2.11`, `cpu·vllm 0.32`, `doc`.
///
/// A live environment's name is its device class, a middle dot, the engine's main package and its
/// major.minor version. When two known environments would share a name, ``EnvironmentIndex``
/// lengthens both (CUDA major, then the full versions). Every document is `doc`: on a cell it
/// means "what the imported document says about this cell".
///
/// ```swift
/// Environment(run: cpuVllmRun).name         // "cpu·vllm 0.32"
/// Environment.normalized("H100-torch-2.11") // "h100-torch-2.11" (how typed names are matched)
/// ```
extension Environment {
    /// The short name, before disambiguation.
    public var name: String {
        guard source == .live else { return "doc" }
        let device = (deviceClass ?? "?").lowercased()
        guard let main = engine.first else { return "\(device)·\(backend ?? "?")" }
        return "\(device)·\(Self.nickname(main.package)) \(Self.majorMinor(main.version))"
    }

    /// A longer name that tells apart environments sharing ``name``: `h100·torch 2.11·cuda 13`,
    /// then every package's full version: `h100·torch 2.11.0·tf 5.17.0·cuda 13`.
    func longName(level: Int) -> String {
        guard source == .live, level > 0 else { return name }
        let cuda = cudaMajor.map { "·cuda \($0)" } ?? ""
        if level == 1 { return name + cuda }
        let device = (deviceClass ?? "?").lowercased()
        return device + engine.map { "·\(Self.nickname($0.package)) \($0.version)" }.joined() + cuda
    }

    /// What a person reads beside the name: `PyTorch (torch 2.11.0, transformers 5.17.0) on H100, CUDA 13`.
    public var summary: String {
        if let documentLabel { return documentLabel }
        let versions = engine.map { "\($0.package) \($0.version)" }.joined(separator: ", ")
        let device = deviceClass == "cpu" ? "CPU" : (deviceClass ?? "?")
        return "\(backend ?? "?") (\(versions.isEmpty ? "version unknown" : versions)) on \(device)"
            + (cudaMajor.map { ", CUDA \($0)" } ?? "")
    }

    static func nickname(_ package: String) -> String {
        packageNicknames[package] ?? package
    }

    static func majorMinor(_ version: String) -> String {
        version.split(separator: ".").prefix(2).joined(separator: ".")
    }

    /// How names are compared when a person types one: lower case, and `·`, spaces, `/` and `_`
    /// all read as `-`, so `env:h100-torch-2.11` needs no quotes and no middle dot.
    public static func normalized(_ name: String) -> String {
        String(name.lowercased().map { "· /_".contains($0) ? "-" : $0 })
    }
}

import Foundation

/// Where InferMatrix's files live: the user's working database (XDG), the bundled database that
/// seeds it, and the `data/sources` documents the bundled one is built from.
///
/// ```swift
/// let locations = DataLocations()
/// locations.userDatabase   // ~/.local/share/infermatrix/matrix.sqlite
/// ```
public struct DataLocations: Sendable {
    public var environment: [String: String]
    /// The running executable, to find the bundled database next to it.
    public var executable: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executable: String = DataLocations.currentExecutable()) {
        self.environment = environment
        self.executable = executable
    }

    // MARK: - User data

    /// `$XDG_DATA_HOME/infermatrix/matrix.sqlite`, default `~/.local/share/infermatrix/matrix.sqlite`.
    public var userDatabase: String {
        xdg("XDG_DATA_HOME", default: ".local/share") + "/infermatrix/matrix.sqlite"
    }

    /// `$XDG_CONFIG_HOME/infermatrix/environments.json`, default `~/.config/infermatrix/environments.json`:
    /// the user's environment aliases (``EnvironmentAliases``).
    public var environmentAliases: String {
        xdg("XDG_CONFIG_HOME", default: ".config") + "/infermatrix/environments.json"
    }

    /// `$XDG_CONFIG_HOME/infermatrix/views.json`, default `~/.config/infermatrix/views.json`: the
    /// user's saved views (``SavedViews``).
    public var savedViews: String {
        xdg("XDG_CONFIG_HOME", default: ".config") + "/infermatrix/views.json"
    }

    /// An XDG base directory: the variable when it holds an absolute path, else `~/` + `fallback`.
    func xdg(_ variable: String, default fallback: String) -> String {
        if let value = environment[variable], value.hasPrefix("/") { return value }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/" + fallback
    }

    // MARK: - Bundled data

    /// The shipped database: `$INFERMATRIX_BUNDLED_DB`, else `../../data/matrix.sqlite` from the
    /// executable (`.build/debug/infermatrix`), else the nearest `data/matrix.sqlite` above it,
    /// else `/usr/local/share/infermatrix/matrix.sqlite`. Nil when none exists.
    public var bundledDatabase: String? {
        if let explicit = environment["INFERMATRIX_BUNDLED_DB"], !explicit.isEmpty {
            return FileManager.default.fileExists(atPath: explicit) ? explicit : nil
        }
        let directory = (executable as NSString).deletingLastPathComponent
        let candidates = [(directory as NSString).appendingPathComponent("../../data/matrix.sqlite")]
            + ancestors(of: directory).map { $0 + "/data/matrix.sqlite" }
            + ["/usr/local/share/infermatrix/matrix.sqlite"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
            .map { ($0 as NSString).standardizingPath }
    }

    /// The nearest `data/sources` directory above the executable or the current directory.
    public var sourcesDirectory: String? {
        let directory = (executable as NSString).deletingLastPathComponent
        let cwd = FileManager.default.currentDirectoryPath
        return (ancestors(of: cwd) + ancestors(of: directory)).map { $0 + "/data/sources" }.first {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The package's `data/` directory (parent of ``sourcesDirectory``).
    public var dataDirectory: String? {
        sourcesDirectory.map { ($0 as NSString).deletingLastPathComponent }
    }

    func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = (path as NSString).standardizingPath
        while !current.isEmpty {
            result.append(current == "/" ? "" : current)
            if current == "/" { break }
            current = (current as NSString).deletingLastPathComponent
        }
        return result
    }

    /// The absolute path of the running executable (`/proc/self/exe` on Linux).
    public static func currentExecutable() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}

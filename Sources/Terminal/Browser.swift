import Foundation

/// Opens a link with the browser the user configured in `$BROWSER` (the convention `xdg-open`,
/// `man` and `git web--browse` follow): its first `:`-separated command, `%s` replaced by the
/// link or the link appended. The link is one argument, never parsed by a shell.
///
/// ```swift
/// Browser.command(environment: ["BROWSER": "firefox --new-tab"])          // ["firefox", "--new-tab"]
/// try Browser.open("https://docs.vllm.ai", environment: ProcessInfo.processInfo.environment)
/// ```
public enum Browser {
    /// The browser command's words, or nil where `$BROWSER` is unset or empty.
    public static func command(environment: [String: String]) -> [String]? {
        guard let value = environment["BROWSER"], let first = value.split(separator: ":").first else { return nil }
        let words = first.split(whereSeparator: \.isWhitespace).map(String.init)
        return words.isEmpty ? nil : words
    }

    /// The arguments the browser is started with for `url`.
    public static func arguments(_ command: [String], url: String) -> [String] {
        command.contains { $0.contains("%s") } ? command.map { $0.replacingOccurrences(of: "%s", with: url) } : command + [url]
    }

    /// Starts the browser detached from the terminal (no standard input or output, its own
    /// session) and returns its name; throws when it cannot be started.
    @discardableResult
    public static func open(_ url: String, environment: [String: String]) throws -> String? {
        guard let command = command(environment: environment) else { return nil }
        let arguments = arguments(command, url: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["setsid"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return command[0]
    }
}

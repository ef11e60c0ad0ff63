/// A query that starts with `-` (the query language's negation, `-section:decoder`) handed to a
/// command whose last positional argument is a query. ArgumentParser would read it as an unknown
/// option (exit 2), so before parsing it moves behind a `--`, where it can only be the query.
///
/// ```swift
/// NegatedQuery.protect(["list", "-section:decoder", "--format", "csv"])
/// // ["list", "--format", "csv", "--", "-section:decoder"]
/// ```
///
/// A token counts as a query when it starts with one dash and is longer than a short option
/// (`-o`, `-h`): no option of these commands is spelled that way. An explicit `--` on the line
/// is left alone: the user has already said where the options end.
enum NegatedQuery {
    /// The subcommands whose last positional argument is a query.
    static let commands: Set<String> = ["list", "export", "compare", "test"]

    static func protect(_ arguments: [String]) -> [String] {
        guard let command = arguments.firstIndex(where: { commands.contains($0) }), !arguments.contains("--") else {
            return arguments
        }
        let isQuery = { (token: String) in token.hasPrefix("-") && !token.hasPrefix("--") && token.count > 2 }
        let tail = arguments[(command + 1)...]
        let queries = tail.filter(isQuery)
        guard !queries.isEmpty else { return arguments }
        return Array(arguments[...command]) + tail.filter { !isQuery($0) } + ["--"] + queries
    }
}

/// The environments known to a database (the documents' and those of the recorded runs), each
/// under a unique short name, plus the aliases from the user's config.
///
/// ```swift
/// let index = EnvironmentIndex([doc, h100, cpuVllm], aliases: ["lab": "h100·torch 2.11"])
/// try index.lookup("lab").name             // "h100·torch 2.11"
/// try index.lookup("nope")                 // EnvironmentError: unknown environment "nope" (known: doc, …)
/// ```
public struct EnvironmentIndex: Sendable, Hashable {
    /// Sorted (documents first), each once.
    public let environments: [Environment]
    /// The unique name of each environment.
    public let names: [Environment: String]
    /// Alias → the name it stands for (from `~/.config/infermatrix/environments.json`).
    public let aliases: [String: String]

    public init(_ environments: some Sequence<Environment>, aliases: [String: String] = [:]) {
        var seen = Set<Environment>(), list: [Environment] = []
        for environment in environments where seen.insert(environment).inserted { list.append(environment) }
        list.sort()
        var names: [Environment: String] = [:]
        // A matrix has one document; across matrices each is still `doc` ("what the document says").
        for document in list where document.isDocument { names[document] = "doc" }
        let live = list.filter { !$0.isDocument }
        for level in 0...2 {
            let pending = live.filter { names[$0] == nil }
            let grouped = Dictionary(grouping: pending, by: { $0.longName(level: level) })
            for (name, group) in grouped where group.count == 1 || level == 2 {
                for (index, environment) in group.enumerated() {
                    names[environment] = group.count == 1 ? name : "\(name)·\(index + 1)"
                }
            }
        }
        self.environments = list
        self.names = names
        self.aliases = aliases
    }

    /// The unique name of `environment` (its short name when the index does not know it).
    public func name(of environment: Environment) -> String {
        names[environment] ?? environment.name
    }

    /// The environment a person named: by its name, its normalized form, an alias or its key.
    ///
    /// - Throws: ``EnvironmentError`` naming the unknown name and listing the known ones.
    public func lookup(_ typed: String) throws(EnvironmentError) -> Environment {
        let wanted = Environment.normalized(aliases[typed] ?? typed)
        if let found = environments.first(where: { Environment.normalized(name(of: $0)) == wanted || $0.key == typed }) {
            return found
        }
        throw EnvironmentError(name: typed, known: environments.map(name(of:)) + aliases.keys.sorted())
    }
}

/// An environment name that names none: says which, and lists the known ones.
///
/// ```
/// unknown environment "h100·vllm 0.33" (known: doc, cpu·torch 2.11, h100·torch 2.11)
/// ```
public struct EnvironmentError: Error, Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var known: [String]

    public init(name: String, known: [String]) {
        self.name = name
        self.known = known
    }

    public var description: String {
        "unknown environment \"\(name)\" (known: \(known.isEmpty ? "none recorded" : known.joined(separator: ", ")))"
    }
}

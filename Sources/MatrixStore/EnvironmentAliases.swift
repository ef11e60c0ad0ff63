import Foundation
import MatrixCore

/// The user's own names for environments, from `$XDG_CONFIG_HOME/infermatrix/environments.json`
/// (default `~/.config/infermatrix/environments.json`):
///
/// ```json
/// {"aliases": {"lab": "h100·torch 2.11", "laptop": "cpu·torch 2.11"}}
/// ```
///
/// A missing file means no aliases; a file that is not that shape is an error naming it.
public enum EnvironmentAliases {
    /// Alias → environment name.
    ///
    /// - Throws: ``ImportError`` naming the file and the field when it cannot be read.
    public static func load(path: String = DataLocations().environmentAliases) throws(ImportError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let document = try JSONValue.parse(Array(data), file: path)
        guard case .object(let members)? = document["aliases"] else {
            throw ImportError(file: path, field: "aliases", message: "expected an object {\"alias\": \"environment name\"}")
        }
        var aliases: [String: String] = [:]
        for (alias, value) in members {
            guard case .string(let name) = value else {
                throw ImportError(file: path, field: "aliases.\(alias)", message: "expected an environment name (a string)")
            }
            aliases[alias] = name
        }
        return aliases
    }
}

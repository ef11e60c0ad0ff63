import Foundation

/// The parameter catalogue, `data/catalogue.json`: the facts about backends, matrices and
/// parameters that the Swift program and the Python harness share, written once.
///
/// ```swift
/// Catalogue.bundled.backend("tensorrt")?.columnTitle     // "TensorRT"
/// Catalogue.bundled.matrix(forTitle: "Multimodal Feature Support Matrix")?.name   // "multimodal"
/// ```
///
/// The file is compiled into MatrixCore (`Package.swift`: `.embedInCode`, through the symbolic
/// link `Sources/MatrixCore/Resources/catalogue.json`), so reading it is no file I/O; `init(json:)`
/// reads any other copy from bytes a caller passes in. The harness reads the same file
/// (`harness/catalogue.py`); docs/harness.md describes the fields.
public struct Catalogue: Sendable, Equatable, Decodable {
    /// A backend: its key (column key, `--backend`), product name, seed 000's column title, the
    /// prefix of its own parameters and the matrix section they go in.
    public struct Backend: Sendable, Equatable, Decodable {
        public var key: String
        public var name: String
        public var columnTitle: String
        public var prefix: String
        public var section: String
    }

    /// A matrix the harness can be asked about: its name, kind and the heading words that name it
    /// on a supported-models page.
    public struct MatrixEntry: Sendable, Equatable, Decodable {
        public var name: String
        public var kind: MatrixKind
        public var titleContains: String?
    }

    /// A parameter family: its matrix section and the backends the harness implements it on.
    public struct Family: Sendable, Equatable, Decodable {
        public var section: String
        public var implemented: [String]
    }

    /// A parameter: its name and family (the harness's further fields are not read here).
    public struct Parameter: Sendable, Equatable, Decodable {
        public var name: String
        public var family: String
    }

    public var backends: [Backend]
    public var matrices: [MatrixEntry]
    /// Matrix sections in the order seed 000 prints them.
    public var sections: [String]
    public var families: [String: Family]
    public var parameters: [Parameter]

    // MARK: - Reading

    /// The catalogue compiled into MatrixCore. Its bytes are the repository's `data/catalogue.json`
    /// at build time, checked by `CatalogueTests`, so decoding cannot fail at run time.
    public static let bundled: Catalogue = {
        do {
            return try Catalogue(json: PackageResources.catalogue_json)
        } catch {
            fatalError("the catalogue compiled into MatrixCore does not decode: \(error)")
        }
    }()

    /// Decodes catalogue JSON, e.g. a file's bytes.
    ///
    /// ```swift
    /// let catalogue = try Catalogue(json: Array(FileManager.default.contents(atPath: path)!))
    /// ```
    public init(json bytes: [UInt8]) throws(ImportError) {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            self = try decoder.decode(Catalogue.self, from: Data(bytes))
        } catch {
            throw ImportError(file: "catalogue.json", line: nil, field: nil, message: "\(error)")
        }
    }

    // MARK: - Questions

    /// The backend with `key`, if the catalogue has it.
    public func backend(_ key: String) -> Backend? {
        backends.first { $0.key == key }
    }

    /// The backend whose prefix starts a parameter name (`vllm.block_size` → vLLM).
    public func owner(ofParameter name: String) -> Backend? {
        backends.first { name.hasPrefix($0.prefix) }
    }

    /// The parameter named `name` (a row key without its `=value`).
    public func parameter(_ name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// The matrix a supported-models page heading names (`"Model-Feature Support Matrix"` → features).
    public func matrix(forTitle title: String) -> MatrixEntry? {
        matrices.first { entry in entry.titleContains.map(title.contains) ?? false }
    }
}

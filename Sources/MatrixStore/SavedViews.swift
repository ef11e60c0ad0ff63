import Foundation
import MatrixCore

/// The user's saved views (``SavedView``), in `$XDG_CONFIG_HOME/infermatrix/views.json`
/// (default `~/.config/infermatrix/views.json`):
///
/// ```json
/// {"views": [{"name": "vllm-failures", "matrix": "params", "query": "backend:vllm status:failed",
///             "arrangement": {"sort": {"key": "name", "descending": false}, "hiddenColumns": ["tensorrt"]}}]}
/// ```
///
/// ```swift
/// var views = try SavedViews.load()
/// views.save(view); try views.write()
/// try views.named("vllm-failures")   // throws naming the file and the known names when missing
/// ```
/// A missing file means no views; a file that is not that shape is an error naming the file and field.
public struct SavedViews: Sendable, Hashable {
    public var path: String
    public var views: [SavedView]

    public init(path: String, views: [SavedView] = []) {
        self.path = path
        self.views = views
    }

    private struct File: Codable { var views: [SavedView] }

    /// Reads the file (no file: no views).
    ///
    /// - Throws: ``ImportError`` naming the file and the field (`views[1].arrangement.sort.key`).
    public static func load(path: String = DataLocations().savedViews) throws(ImportError) -> SavedViews {
        guard let data = FileManager.default.contents(atPath: path) else { return SavedViews(path: path) }
        do {
            return SavedViews(path: path, views: try JSONDecoder().decode(File.self, from: data).views)
        } catch let error as DecodingError {
            throw ImportError(file: path, field: Self.field(of: error), message: Self.message(of: error))
        } catch {
            throw ImportError(file: path, message: "\(error)")
        }
    }

    /// The view called `name`.
    ///
    /// - Throws: ``ImportError`` naming the file and the views it has.
    public func named(_ name: String) throws(ImportError) -> SavedView {
        if let view = views.first(where: { $0.name == name }) { return view }
        let known = views.isEmpty ? "no views are saved yet (W in the explorer saves one)"
            : "saved views: " + views.map(\.name).joined(separator: ", ")
        throw ImportError(file: path, message: "no view named \"\(name)\"; \(known)")
    }

    /// Adds the view, replacing one of the same name in place.
    public mutating func save(_ view: SavedView) {
        if let index = views.firstIndex(where: { $0.name == view.name }) { views[index] = view } else { views.append(view) }
    }

    /// Writes the file (its directory is created) by ``OutputFile``'s rule: atomically when it is a
    /// regular file; a symlinked `views.json` stays a link and the file it names gets the views.
    public func write() throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try OutputFile(path: path, waitsForReader: false).write(encoder.encode(File(views: views)))
    }

    // MARK: - Errors

    static func field(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: return nil
        }
        guard !path.isEmpty else { return nil }
        return path.reduce("") { text, key in
            key.intValue.map { text + "[\($0)]" } ?? (text.isEmpty ? key.stringValue : text + "." + key.stringValue)
        }
    }

    static func message(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "expected \(type)"
        case .valueNotFound(let type, _): "expected \(type), found null"
        case .keyNotFound: "missing"
        case .dataCorrupted(let context): context.underlyingError.map { "not JSON: \($0.localizedDescription)" } ?? context.debugDescription
        @unknown default: "\(error)"
        }
    }
}

/// Why the store could not open, read or write a database, with the path it was working on.
///
/// Its `description` is the message the CLI prints after `infermatrix: error: `, for example
/// `/tmp/notes.txt is not an InferMatrix database (not SQLite)`.
///
/// ```swift
/// throw StoreError(path: path, message: "is not an InferMatrix database (not SQLite)")
/// ```
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The database file, directory or imported file the error is about.
    public var path: String
    /// What went wrong, phrased to follow the path (`is not an InferMatrix database (not SQLite)`).
    public var message: String
    /// Extra context: the SQLite error, the matrix or row involved.
    public var context: String?

    public init(path: String, message: String, context: String? = nil) {
        self.path = path
        self.message = message
        self.context = context
    }

    public var description: String {
        var text = "\(path) \(message)"
        if let context, !context.isEmpty { text += " (\(context))" }
        return text
    }
}

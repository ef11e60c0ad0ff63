import Foundation
import MatrixCore

extension ExportRequest {
    /// The export's text for the matrix it names, restricted to the request's rows and columns
    /// in the request's order (as `infermatrix export` restricts it).
    ///
    /// ```swift
    /// ExportRequest(matrix: "params", rowKeys: ["streaming"], columnKeys: ["vllm"], format: .csv, path: "x.csv").text(of: params)
    /// ```
    /// - Parameter wholeRowCount: the document's row count when `matrix` holds only the requested
    ///   rows: fewer rows or columns than the whole make a Markdown excerpt.
    public func text(of matrix: Matrix, wholeRowCount: Int? = nil) -> String {
        let excerpt = MatrixExporter.isExcerpt(rows: rowKeys, columns: columnKeys, of: wholeRowCount ?? matrix.rows.count,
                                               columnCount: matrix.columns.count)
        return MatrixExporter.export(matrix.restricted(toRows: rowKeys, columns: columnKeys), as: format, excerpt: excerpt)
    }
}

/// Writes export text to a file, refusing to replace an existing file unless told to; the write
/// itself is ``OutputFile``'s (a FIFO or a symlink is written through, as `infermatrix export -o` does).
///
/// ```swift
/// try ExportFileWriter.write(text, to: "params.csv", overwrite: false)   // ExportWriteError.fileExists if it is there
/// ```
public enum ExportFileWriter {
    public static func write(_ text: String, to path: String, overwrite: Bool) throws {
        if !overwrite && FileManager.default.fileExists(atPath: path) { throw ExportWriteError.fileExists(path: path) }
        do {
            // A FIFO nobody reads is an error at once: the explorer's screen must not freeze on it.
            try OutputFile(path: path, waitsForReader: false).write(Data(text.utf8))
        } catch {
            throw ExportWriteError.failed(path: path, message: error.reason)
        }
    }
}

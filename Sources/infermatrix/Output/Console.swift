import ArgumentParser
import Foundation
import MatrixCore
import MatrixStore

/// Writing to stdout, stderr and files, and turning errors into `infermatrix: error: …` and exit 1.
///
/// ```swift
/// try Console.run { try ListCommand.list(...) }
/// ```
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("infermatrix: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("infermatrix: \(message)\n".utf8))
    }

    /// Runs a command body; known errors print their own description and exit 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ImportError {
            Self.error(error.description)
            throw ExitCode(1)
        } catch let error as StoreError {
            Self.error(error.description)
            throw ExitCode(1)
        } catch let error as QueryError {
            Self.error(error.description)
            throw ExitCode(1)
        } catch let error as CocoaError {
            Self.error("\(error.filePath ?? ""): \(error.localizedDescription)")
            throw ExitCode(1)
        } catch {
            Self.error("\(error)")
            throw ExitCode(1)
        }
    }

    /// Writes `text` to `path`, or to stdout when `path` is nil or `-`.
    static func emit(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw StoreError(path: path, message: "cannot be written", context: error.localizedDescription)
        }
    }
}

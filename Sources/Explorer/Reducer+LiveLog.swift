import Foundation

/// The live pane's log: follow, search and its matches, saving it, and the wrap toggle.
extension ExplorerState {
    mutating func liveLog(_ action: Action) -> [Effect] {
        if case .toggleWrap = action {
            wrapLines.toggle()
            statusMessage = StatusMessage(wrapLines ? "Lines wrap at word boundaries (w: cut them to one line)"
                                                    : "Lines are cut to one line (w: wrap them)")
            return []
        }
        guard var pane = livePane else {
            if case .liveLogSaveFailed(let message) = action { statusMessage = StatusMessage(message, isError: true) }
            return []
        }
        defer { livePane = pane }
        switch action {
        case .toggleLogFollow:
            pane.toggleFollow()
            statusMessage = StatusMessage(pane.follow ? "The log follows new lines (F: hold it still)"
                                                      : "The log holds still (F: follow new lines)")
        case .searchLiveLog:
            pane.visible = true
            pane.startSearch()
        case .typeLogSearch(let character):
            pane.editSearch(character)
        case .eraseLogSearch:
            pane.editSearch(nil)
        case .acceptLogSearch:
            guard let text = pane.search?.text, !text.isEmpty else {
                pane.search = nil
                return []
            }
            pane.search?.editing = false
            if !pane.jumpToMatch(1) { statusMessage = StatusMessage("“\(text)” is not in the log", isError: true) }
        case .nextLogMatch(let direction):
            if !pane.jumpToMatch(direction), let text = pane.search?.text {
                statusMessage = StatusMessage("“\(text)” is not in the log", isError: true)
            }
        case .clearLogSearch:
            pane.search = nil
        case .saveLiveLog:
            return [.saveLiveLog(LiveLogFile(target: pane.target, lines: pane.log))]
        case .liveLogSaved(let path, let lines):
            statusMessage = StatusMessage("Log saved: \(path) (\(lines) line\(lines == 1 ? "" : "s"))")
        case .liveLogSaveFailed(let message):
            statusMessage = StatusMessage(message, isError: true)
        default:
            break
        }
        return []
    }
}

/// A live run's log on its way to a file: the lines, and the file's name, made from the cell
/// (`infermatrix-log-params-decoder.beam_search.num_beams=4-pytorch.log`, `-2`… when taken).
///
/// ```swift
/// let path = try LiveLogFile(target: target, lines: pane.log).write(in: "/home/me")   // the absolute path
/// ```
public struct LiveLogFile: Sendable, Hashable {
    public var target: LiveTarget
    public var lines: [String]

    public init(target: LiveTarget, lines: [String]) {
        self.target = target
        self.lines = lines
    }

    /// The file name for the `attempt`-th try (1: no suffix): letters, digits, `.`, `=`, `_`, `-` kept.
    public func fileName(attempt: Int = 1) -> String {
        let raw = "infermatrix-log-\(target.matrix)-\(target.row)-\(target.column)"
        let safe = String(raw.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) || "._=-".unicodeScalars.contains(scalar) ? Character(scalar) : "_"
        })
        return safe + (attempt > 1 ? "-\(attempt)" : "") + ".log"
    }

    /// Writes the lines to a new file in `directory` (never replacing one) and returns its absolute path.
    public func write(in directory: String) throws -> String {
        let base = URL(fileURLWithPath: directory).standardizedFileURL
        for attempt in 1...1_000 {
            let path = base.appendingPathComponent(fileName(attempt: attempt)).path
            do {
                try ExportFileWriter.write(lines.map { $0 + "\n" }.joined(), to: path, overwrite: false)
                return path
            } catch ExportWriteError.fileExists {
                continue
            }
        }
        throw ExportWriteError.failed(path: base.appendingPathComponent(fileName()).path, message: "1,000 log files by that name already exist")
    }
}

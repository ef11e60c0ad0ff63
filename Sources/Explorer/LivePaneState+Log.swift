import MatrixCore

/// The live pane's log view: follow on/off, scrollback through the whole log, and a search whose
/// matches are highlighted in place (the lines around them stay, nothing is hidden).
///
/// ```swift
/// pane.startSearch(); pane.search?.text = "cuda"; pane.jumpToMatch(1)   // the view centres the next match
/// pane.logMatches                                                       // line indices containing "cuda"
/// ```
extension LivePaneState {
    // MARK: - Scrolling and following

    /// Scrolls by `delta` lines (negative: back). Back holds the view still as lines arrive;
    /// forward to the end follows again.
    public mutating func scrollLog(by delta: Int) {
        logScroll = max(0, min(max(0, log.count - 1), logScroll - delta))
        if logScroll == 0 && delta > 0 { follow = true }
    }

    /// `F`: following jumps to the end; not following holds the view where it is.
    public mutating func toggleFollow() {
        follow.toggle()
        if follow { logScroll = 0 }
    }

    // MARK: - Search

    /// `s`: a new search, typed in the pane's search line.
    public mutating func startSearch() { search = LogSearch() }

    /// The indices of the log lines containing the search text (case-insensitive), oldest first.
    public var logMatches: [Int] { search?.matches ?? [] }

    /// Types into the search line (nil: deletes the last character); the matches follow the text.
    public mutating func editSearch(_ character: Character?) {
        guard var search else { return }
        var text = search.text
        if let character { text.append(character) } else if !text.isEmpty { text.removeLast() }
        search.find(text, in: log)
        self.search = search
    }

    /// `n`/`N` (and Enter after typing): the next or previous match after the current one,
    /// wrapping; the view stops following and shows the match with the lines around it.
    /// Returns false when nothing matches.
    @discardableResult
    public mutating func jumpToMatch(_ direction: Int) -> Bool {
        let matches = logMatches
        guard var search, !matches.isEmpty else { return false }
        let next: Int
        if let current = search.current {
            next = direction >= 0 ? matches.first { $0 > current } ?? matches[0]
                : matches.last { $0 < current } ?? matches[matches.count - 1]
        } else {
            next = direction >= 0 ? matches.first { $0 >= log.count - 1 - logScroll - 2 } ?? matches[0] : matches[matches.count - 1]
        }
        search.current = next
        search.editing = false
        self.search = search
        follow = false
        // The match a few lines above the bottom of the view, so the lines after it show too.
        logScroll = max(0, log.count - min(log.count, next + 1 + LogSearch.contextBelow))
        return true
    }
}

/// What the pane's log search looks for, the lines that match (kept up to date as lines
/// arrive, so a frame never scans the whole log) and the match the view is on.
public struct LogSearch: Sendable, Hashable {
    /// Lines shown below the current match.
    public static let contextBelow = 3
    public private(set) var text = ""
    /// The log lines containing ``text``, ignoring case, oldest first.
    public private(set) var matches: [Int] = []
    /// Typing the text (the search line has the keyboard).
    public var editing = true
    /// The log line of the current match.
    public var current: Int?

    public init() {}

    /// Searches `log` for `text`: a longer text only narrows the lines that matched the shorter
    /// one (typing stays quick on a long log); anything else searches afresh.
    public mutating func find(_ text: String, in log: [String]) {
        let narrows = !self.text.isEmpty && text.lowercased().hasPrefix(self.text.lowercased())
        self.text = text
        current = nil
        if narrows {
            matches = matches.filter { log[$0].range(of: text, options: .caseInsensitive) != nil }
        } else {
            matches = []
            scan(log, from: 0)
        }
    }

    /// Adds the matches among the lines from `start` on (new lines of a running log).
    public mutating func scan(_ log: [String], from start: Int) {
        guard !text.isEmpty, start < log.count else { return }
        for index in start..<log.count where log[index].range(of: text, options: .caseInsensitive) != nil {
            matches.append(index)
        }
    }
}

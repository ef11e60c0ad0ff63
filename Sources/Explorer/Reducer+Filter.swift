import MatrixCore

/// The query line and the quick toggles: the grid narrows on every keystroke.
extension ExplorerState {
    mutating func filter(_ action: Action) -> [Effect] {
        switch action {
        case .openQuery:
            modal = .query
        case .typeQuery(let character):
            type(String(character))
        case .typeText(let text):
            type(text)
        case .backspace:
            if case .saveView(let name) = modal {
                modal = .saveView(name: String(name.dropLast()))
            } else if case .export(var dialog) = modal {
                if !dialog.path.isEmpty { dialog.path.removeLast() }
                dialog.pathEdited = true
                modal = .export(dialog)
            } else if !tab.filterText.isEmpty {
                setFilter(String(tab.filterText.dropLast()))
            }
        case .acceptQuery:
            modal = .none
            if let error = tab.queryError { statusMessage = StatusMessage(error.message, isError: true) }
        case .clearFilter:
            modal = .none
            setFilter("")
        case .openToggles:
            modal = .quickToggles(QuickToggles(items: toggleItems()))
        case .moveToggle(let delta):
            if case .quickToggles(var toggles) = modal {
                toggles.cursor = max(0, min(toggles.items.count - 1, toggles.cursor + delta))
                modal = .quickToggles(toggles)
            }
        case .toggleItem:
            if case .quickToggles(let toggles) = modal, toggles.items.indices.contains(toggles.cursor) {
                let term = toggles.items[toggles.cursor].term
                var terms = tab.filterText.split(separator: " ").map(String.init)
                if let index = terms.firstIndex(of: term) { terms.remove(at: index) } else { terms.append(term) }
                setFilter(terms.joined(separator: " "))
            }
        default:
            break
        }
        return []
    }

    /// Appends typed or pasted text to the query line, at most ``TabState/maximumQueryLength``
    /// characters in all; the rest is dropped, and the query line says how much
    /// (`query cut at 2000 chars, 7997 dropped`).
    mutating func type(_ text: String) {
        let room = max(0, TabState.maximumQueryLength - tab.filterText.count)
        let kept = text.count <= room ? text : String(text.prefix(room))
        if !kept.isEmpty { setFilter(tab.filterText + kept) }
        if kept.count < text.count {
            statusMessage = StatusMessage("query cut at \(TabState.maximumQueryLength) chars, \(text.count - kept.count) dropped",
                                          isError: true)
        }
    }

    /// Sets the active tab's filter text and re-evaluates it. An invalid query keeps the last
    /// good selection and records the error (its range is highlighted in the query line).
    mutating func setFilter(_ text: String) {
        var current = tab
        current.filterText = text
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let previousRow = current.currentRow
        if trimmed.isEmpty {
            current.query = nil
            current.queryError = nil
            current.arrange(Selection(rows: Array(0..<current.grid.rowCount), columns: Array(0..<current.grid.columnCount)))
        } else {
            do {
                let query = try Query.parse(text)
                if current.searchIndex == nil { current.searchIndex = GridSearchIndex(current.grid) }
                let known = current.noteMatches
                current.arrange(current.grid.select(query, index: current.searchIndex) { known[$0] })
                current.query = query
                current.queryError = nil
            } catch {
                current.queryError = error
            }
        }
        current.counts = current.grid.summary(rows: current.selection.rows, columns: current.selection.columns)
        // Keep the cursor on the same row when it is still selected.
        if let previousRow, let position = current.selection.rows.firstIndex(of: previousRow) {
            current.cursorRow = position
        } else {
            current.cursorRow = 0
        }
        tab = current
        scrollToCursor()
    }

    // MARK: - Notes

    /// Asks the data source about the free words of each tab's query it has not asked about yet
    /// (the reducer never reads the store itself; the answer is ``Action/notesFound(matrix:matches:)``).
    mutating func askForNotes() -> [Effect] {
        var effects: [Effect] = []
        for index in tabs.indices {
            let words = (tabs[index].query?.freeWords ?? []).filter { !tabs[index].notesAsked.contains($0) }
            guard !words.isEmpty else { continue }
            tabs[index].notesAsked.formUnion(words)
            effects.append(.searchNotes(matrix: tabs[index].grid.name, words: words))
        }
        return effects
    }

    /// The full-text answers for a matrix's tab: kept, and its filter evaluated again with them.
    mutating func notesFound(matrix: String, matches: [String: Set<Int>]) {
        guard let index = tabs.firstIndex(where: { $0.grid.name == matrix }) else { return }
        tabs[index].noteMatches.merge(matches) { _, new in new }
        let keep = activeTab
        activeTab = index
        setFilter(tab.filterText)
        activeTab = keep
        scrollToCursor()
    }

    /// Quick toggles: one per column (`backend:` for parameters, `feature:` otherwise) and status.
    func toggleItems() -> [QuickToggles.Item] {
        let columns = tab.grid.columns.map { column in
            QuickToggles.Item(label: column.title, term: QueryTerm.columnTerm(key: column.key, kind: tab.grid.kind))
        }
        let statuses = CellStatus.allCases.map { status in
            QuickToggles.Item(label: "status \(status.queryName)", term: "status:\(status.queryName)")
        }
        return columns + statuses
    }
}

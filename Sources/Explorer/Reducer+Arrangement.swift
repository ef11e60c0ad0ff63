import MatrixCore

/// Sort, hide, show, move and resize columns: each changes the tab's ``GridArrangement`` and
/// re-applies it to the query's selection, so the counts, `n`/`N`, exports and batches all see
/// the rows and columns as shown.
extension ExplorerState {
    mutating func arrange(_ action: Action) -> [Effect] {
        var effects: [Effect] = []
        switch action {
        case .sortRows(let descending):
            setSort(RowSort(tab.arrangement.sort?.key ?? .name, descending: descending), effects: &effects)
        case .cycleSortKey:
            let keys = RowSort.Key.allCases
            if let sort = tab.arrangement.sort, let index = keys.firstIndex(of: sort.key) {
                setSort(index + 1 < keys.count ? RowSort(keys[index + 1], descending: sort.descending) : nil, effects: &effects)
            } else {
                setSort(RowSort(keys[0]), effects: &effects)
            }
        case .hideColumn:
            hideCurrentColumn()
        case .showAllColumns:
            let hidden = tab.arrangement.hiddenColumns.count + tab.arrangement.hiddenAttributes.count
            tab.arrangement.hiddenColumns = []
            tab.arrangement.hiddenAttributes = []
            rearrange()
            statusMessage = StatusMessage(hidden == 0 ? "No hidden columns" : "Showing \(hidden) hidden column\(hidden == 1 ? "" : "s") again")
        case .moveColumn(let offset):
            moveCurrentColumn(by: offset)
        case .resizeColumn(let steps):
            resizeCurrentColumn(by: steps)
        case .autoWidth:
            guard let column = tab.displayColumn(tab.cursorColumn) else { break }
            tab.arrangement.widths[tab.arrangementKey(column)] = nil
            scrollToCursor()
        case .lastRunsLoaded(let matrix, let times):
            guard let index = tabs.firstIndex(where: { $0.grid.name == matrix }) else { break }
            tabs[index].lastRun = times
            let keep = activeTab
            activeTab = index
            rearrange()
            activeTab = keep
        default:
            break
        }
        return effects
    }

    /// Re-applies the arrangement (and the filter) to the active tab, keeping the cursor's row.
    mutating func rearrange() {
        setFilter(tab.filterText)
    }

    mutating func setSort(_ sort: RowSort?, effects: inout [Effect]) {
        tab.arrangement.sort = sort
        if sort?.key == .lastRun && tab.lastRun == nil {
            effects.append(.loadLastRuns(matrix: tab.grid.name))
        }
        rearrange()
        statusMessage = StatusMessage(sort.map { "Rows sorted by \($0.label) within each section · [ ] direction · O next key" }
                                      ?? "Rows in the document's order · O sorts")
    }

    mutating func hideCurrentColumn() {
        guard let column = tab.displayColumn(tab.cursorColumn) else { return }
        guard tab.displayColumnCount > 1 else {
            statusMessage = StatusMessage("The last column stays shown", isError: true)
            return
        }
        let key = tab.arrangementKey(column)
        switch column {
        case .attribute: tab.arrangement.hiddenAttributes.append(key)
        case .status: tab.arrangement.hiddenColumns.append(key)
        }
        rearrange()
        statusMessage = StatusMessage("Hid \(tab.title(column)) · U shows hidden columns")
    }

    mutating func moveCurrentColumn(by offset: Int) {
        guard case .status(let column)? = tab.displayColumn(tab.cursorColumn) else {
            statusMessage = StatusMessage("Only status columns move (< >)", isError: true)
            return
        }
        let shown = tab.selection.columns.map { tab.grid.columns[$0].key }
        tab.arrangement.move(column: tab.grid.columns[column].key, by: offset, shown: shown)
        rearrange()
        if let position = tab.selection.columns.firstIndex(of: column) {
            tab.cursorColumn = tab.shownAttributes.count + position
        }
        scrollToCursor()
    }

    /// `_` widens and `-` narrows the current column by four columns a press (at least 3 wide,
    /// at most the grid beside the row names).
    mutating func resizeCurrentColumn(by steps: Int) {
        guard let column = tab.displayColumn(tab.cursorColumn) else { return }
        let layout = Layout(self)
        let current = layout.visibleColumns(tab, glyphs: glyphs).first { $0.index == tab.cursorColumn }?.width
            ?? Layout.columnWidth(column, tab: tab, glyphs: glyphs)
        let widest = max(3, layout.gridWidth - layout.frozenWidth)
        tab.arrangement.widths[tab.arrangementKey(column)] = max(3, min(widest, current + 4 * steps))
        scrollToCursor()
    }
}

extension RowSort {
    /// Each row's latest run start (seconds since 1970), from a matrix's runs: what the
    /// `last run` sort orders by.
    public static func lastRunTimes(_ runs: [LiveRun]) -> [String: Double] {
        var times: [String: Double] = [:]
        for run in runs {
            let time = run.startedAt.timeIntervalSince1970
            if time > times[run.request.row] ?? -.infinity { times[run.request.row] = time }
        }
        return times
    }
}

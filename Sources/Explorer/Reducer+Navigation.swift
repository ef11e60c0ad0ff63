import MatrixCore
import Screen

/// Cursor, paging, tabs, failure jumps and the mouse.
extension ExplorerState {
    mutating func navigate(_ action: Action) -> [Effect] {
        let layout = Layout(self)
        switch action {
        case .moveCursor(let dx, let dy):
            tab.cursorRow += dy
            tab.cursorColumn += dx
        case .page(let direction):
            let step = max(1, layout.gridHeight - 1)
            tab.cursorRow += direction * step
            tab.rowOffset = max(0, tab.rowOffset + direction * step)
        case .home: tab.cursorColumn = 0
        case .end: tab.cursorColumn = tab.displayColumnCount - 1
        case .top: tab.cursorRow = 0
        case .bottom: tab.cursorRow = tab.selection.rows.count - 1
        case .nextTab: switchTab(to: (activeTab + 1) % tabs.count)
        case .prevTab: switchTab(to: (activeTab + tabs.count - 1) % tabs.count)
        case .selectTab(let index):
            if tabs.indices.contains(index) { switchTab(to: index) }
        case .nextFailure: jumpToFailure(forward: true)
        case .prevFailure: jumpToFailure(forward: false)
        case .mouseClick(let x, let y): click(x: x, y: y, layout: layout)
        case .mouseWheel(let delta):
            let maxOffset = max(0, tab.selection.rows.count - layout.gridHeight)
            tab.rowOffset = max(0, min(maxOffset, tab.rowOffset + delta))
            tab.cursorRow = max(tab.rowOffset, min(tab.cursorRow, tab.rowOffset + layout.gridHeight - 1))
            tab.clampCursor()
            return []
        default: break
        }
        scrollToCursor()
        return []
    }

    /// Tabs keep their own filter, cursor and marks; switching only changes which one shows.
    mutating func switchTab(to index: Int) {
        activeTab = index
        modal = .none
        detail = nil
    }

    /// Moves to the next (or previous) failed cell in reading order, wrapping around.
    mutating func jumpToFailure(forward: Bool) {
        let rows = tab.selection.rows
        let columns = tab.selection.columns
        guard !rows.isEmpty, !columns.isEmpty else { return }
        let attributes = tab.shownAttributes.count
        let width = tab.grid.columnCount
        let total = rows.count * columns.count
        let currentStatus = max(0, min(columns.count - 1, tab.cursorColumn - attributes))
        let start = tab.cursorRow * columns.count + currentStatus
        let failed = CellStatus.unsupported.code
        for step in 1...total {
            let position = ((forward ? start + step : start - step) % total + total) % total
            let row = position / columns.count
            let column = position % columns.count
            if tab.grid.statuses[rows[row] * width + columns[column]] == failed {
                tab.cursorRow = row
                tab.cursorColumn = attributes + column
                if forward && position <= start || !forward && position >= start {
                    statusMessage = StatusMessage("Search wrapped around")
                }
                return
            }
        }
        statusMessage = StatusMessage("No failures in this view")
    }

    /// A click on a tab switches to it; a click in the grid moves the cursor there.
    mutating func click(x: Int, y: Int, layout: Layout) {
        if y == Layout.tabBarY {
            for (index, label) in Layout.tabLabels(self).enumerated()
            where x >= label.x && x < label.x + DisplayWidth.of(label.label) {
                switchTab(to: index)
                return
            }
            return
        }
        guard y >= Layout.gridTop, y < layout.gridBottom else { return }
        let lines = layout.gridLines(tab)
        let lineIndex = y - Layout.gridTop
        guard lines.indices.contains(lineIndex), case .row(let row) = lines[lineIndex] else { return }
        tab.cursorRow = row
        if let column = layout.visibleColumns(tab, glyphs: glyphs).first(where: { x >= $0.x && x < $0.x + $0.width }) {
            tab.cursorColumn = column.index
        }
    }
}

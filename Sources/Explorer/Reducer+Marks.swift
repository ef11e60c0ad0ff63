/// Marking rows, cells and ranges; the detail pane switch.
extension ExplorerState {
    mutating func mark(_ action: Action) -> [Effect] {
        switch action {
        case .toggleDetail:
            detailVisible.toggle()
            detail = nil
            scrollToCursor()
            return detailEffects()
        case .markRow:
            guard let row = tab.currentRow else { return [] }
            if tab.markedRows.contains(row) { tab.markedRows.remove(row) } else { tab.markedRows.insert(row) }
            tab.cursorRow += 1
            scrollToCursor()
        case .markCell:
            guard let row = tab.currentRow, let column = tab.currentStatusColumn else { return [] }
            let cell = CellRef(row: row, column: column)
            if tab.markedCells.contains(cell) { tab.markedCells.remove(cell) } else { tab.markedCells.insert(cell) }
        case .markRange:
            guard let row = tab.currentRow else { return [] }
            if let anchor = tab.rangeAnchor, let start = tab.selection.rows.firstIndex(of: anchor) {
                let range = min(start, tab.cursorRow)...max(start, tab.cursorRow)
                tab.markedRows.formUnion(range.map { tab.selection.rows[$0] })
                tab.rangeAnchor = nil
                statusMessage = StatusMessage("Marked \(range.count.counted("row"))")
            } else {
                tab.rangeAnchor = row
                statusMessage = StatusMessage("Range started: move and press V again")
            }
        case .markAllMatching:
            tab.markedRows.formUnion(tab.selection.rows)
            statusMessage = StatusMessage("Marked \(tab.selection.rows.count.counted("row"))")
        case .clearMarks:
            tab.markedRows = []
            tab.markedCells = []
            tab.rangeAnchor = nil
        default:
            break
        }
        return []
    }
}

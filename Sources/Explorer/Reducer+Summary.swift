import MatrixCore

/// The summary sheet (`F`): open it over the view, move over its counts, Enter filters the grid.
extension ExplorerState {
    mutating func summary(_ action: Action) -> [Effect] {
        switch action {
        case .openSummary:
            let sheet = SummarySheet(tab)
            if sheet.lines.isEmpty {
                statusMessage = StatusMessage("Nothing to summarise: the view has no rows or status columns", isError: true)
            } else {
                modal = .summary(sheet)
            }
        case .moveSummary(let dx, let dy):
            guard case .summary(var sheet) = modal else { break }
            sheet.cursor = max(0, min(sheet.lines.count - 1, sheet.cursor + dy))
            sheet.statusCursor = max(0, min(SummarySheet.statuses.count - 1, sheet.statusCursor + dx))
            let visible = Self.summaryPage(height: height)
            if sheet.cursor < sheet.scroll { sheet.scroll = sheet.cursor }
            if sheet.cursor >= sheet.scroll + visible { sheet.scroll = sheet.cursor - visible + 1 }
            modal = .summary(sheet)
        case .openSummaryCell:
            guard case .summary(let sheet) = modal else { break }
            let terms = sheet.terms(kind: tab.grid.kind)
            let kept = tab.filterText.trimmingCharacters(in: .whitespaces)
            modal = .none
            setFilter(((kept.isEmpty ? [] : [kept]) + terms).joined(separator: " "))
            tab.cursorRow = 0
            tab.cursorColumn = tab.shownAttributes.count
            scrollToCursor()
            statusMessage = StatusMessage("\(tab.selection.rows.count.counted("row")): /\(tab.filterText) · Esc clears the filter")
        default:
            break
        }
        return []
    }

    /// Lines of counts the sheet shows at this terminal height.
    static func summaryPage(height: Int) -> Int { max(1, height - 7) }
}

import MatrixCore

/// `o`: the links in the notes of the cell under the cursor, opened or copied one after another.
extension ExplorerState {
    mutating func link(_ action: Action) -> [Effect] {
        switch action {
        case .openLink:
            return openLink()
        case .linkOpened(let url, let browser):
            statusMessage = StatusMessage(browser.map { "Opened \(url) with \($0)" }
                                          ?? "Copied \(url) (OSC 52; set $BROWSER to open links instead)")
        case .linkFailed(let message):
            statusMessage = StatusMessage(message, isError: true)
        default:
            break
        }
        return []
    }

    /// The cell's next link, once its detail is here (asked for first when it is not).
    mutating func openLink() -> [Effect] {
        guard let row = tab.currentRow else { return [] }
        let column = tab.currentStatusColumn.map { MatrixGrid.splitSubColumnKey(tab.grid.columns[$0].key).column }
        guard let detail, detail.matrix == tab.grid.name, detail.rowKey == tab.grid.rowKeys[row],
              detail.columnKey == column else {
            linkPending = true
            var effects = detailEffects()
            if effects.isEmpty {      // the detail pane is closed: ask for the cell's detail all the same
                let visible = detailVisible
                detailVisible = true
                effects = detailEffects()
                detailVisible = visible
            }
            return effects
        }
        let links = detail.links
        guard !links.isEmpty else {
            statusMessage = StatusMessage("No link in this cell's notes, footnotes or source")
            return []
        }
        let url = links[linkIndex % links.count]
        linkIndex += 1
        return [.openLink(url)]
    }
}

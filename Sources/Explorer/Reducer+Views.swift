import MatrixCore

/// Saved views: `W` names and saves the current one (an effect writes the user's config), `v`
/// lists them, Enter (or `--view NAME`) applies one.
extension ExplorerState {
    mutating func views(_ action: Action) -> [Effect] {
        switch action {
        case .openSaveView:
            modal = .saveView(name: "")
        case .typeViewName(let character):
            if case .saveView(let name) = modal { modal = .saveView(name: name + String(character)) }
        case .confirmSaveView:
            guard case .saveView(let name) = modal else { break }
            guard SavedView.isValidName(name) else {
                statusMessage = StatusMessage("A view name is 1–64 letters, digits, - _ or . (it is typed as --view NAME)", isError: true)
                break
            }
            modal = .none
            return [.saveView(currentView(named: name))]
        case .viewSaved(let view):
            if let index = savedViews.firstIndex(where: { $0.name == view.name }) { savedViews[index] = view } else { savedViews.append(view) }
            statusMessage = StatusMessage("Saved view \(view.name) · v lists views · --view \(view.name) on the command line")
        case .viewSaveFailed(let message):
            statusMessage = StatusMessage(message, isError: true)
        case .openViews:
            if savedViews.isEmpty {
                statusMessage = StatusMessage("No saved views yet: W saves the current one")
            } else {
                modal = .views(cursor: 0)
            }
        case .moveViews(let delta):
            if case .views(let cursor) = modal { modal = .views(cursor: max(0, min(savedViews.count - 1, cursor + delta))) }
        case .pickView:
            guard case .views(let cursor) = modal, savedViews.indices.contains(cursor) else { break }
            modal = .none
            return apply(view: savedViews[cursor])
        case .applyView(let view):
            return apply(view: view)
        default:
            break
        }
        return []
    }

    /// The active tab as a view called `name`.
    public func currentView(named name: String) -> SavedView {
        var view = SavedView(name: name, matrix: tab.grid.name, query: tab.filterText, arrangement: tab.arrangement)
        view.environments = tab.environments
        return view
    }

    /// Switches to the view's matrix and sets its query and arrangement; a different environment
    /// choice is loaded through an effect.
    mutating func apply(view: SavedView) -> [Effect] {
        guard let index = tabs.firstIndex(where: { $0.grid.name == view.matrix }) else {
            statusMessage = StatusMessage("View \(view.name): no matrix \"\(view.matrix)\" in this database", isError: true)
            return []
        }
        switchTab(to: index)
        tab.arrangement = view.arrangement
        var effects: [Effect] = []
        if view.arrangement.sort?.key == .lastRun && tab.lastRun == nil { effects.append(.loadLastRuns(matrix: view.matrix)) }
        setFilter(view.query)
        if view.environments != tab.environments {
            effects.append(.loadEnvironmentView(matrix: view.matrix, current: tab.environments, exactly: view.environments))
        }
        statusMessage = tab.queryError.map { StatusMessage("View \(view.name): \($0.message)", isError: true) }
            ?? StatusMessage("View \(view.name): \(tab.selection.rows.count.counted("row"))")
        return effects
    }
}

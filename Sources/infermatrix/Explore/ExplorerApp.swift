import Explorer
import Foundation
import Screen
import Terminal

/// The explorer's loop: read a key, reduce, perform the effects, draw. The only place where
/// state, data source and terminal meet.
///
/// ```swift
/// try ExplorerApp(source: source, theme: .dark, glyphs: .emoji).run()
/// ```
struct ExplorerApp {
    let source: any ExplorerDataSource
    let theme: Theme
    let glyphs: GlyphSet
    var sessionURL = SessionState.defaultURL()

    func run() throws {
        let grids = try source.grids()
        let screen = TerminalScreen.start(theme: theme, glyphs: glyphs)
        defer { screen.stop() }
        let source = self.source
        var state = ExplorerState(grids: grids, width: screen.width, height: screen.height,
                                  theme: screen.theme, glyphs: screen.glyphs,
                                  noteSearch: NoteSearch { source.noteMatches(matrix: $0, word: $1) })
        if let session = SessionState.load(from: sessionURL) { dispatch(.restoreSession(session), &state, screen) }
        screen.draw(render(state))
        while !state.quitting {
            guard let key = screen.readKey(), let action = state.action(for: key) else { continue }
            dispatch(action, &state, screen)
            screen.draw(render(state))
        }
    }

    /// Applies an action and every effect it leads to (effects answer with more actions).
    func dispatch(_ action: Action, _ state: inout ExplorerState, _ screen: TerminalScreen) {
        var queue = [action]
        while !queue.isEmpty {
            let effects = state.apply(queue.removeFirst())
            for effect in effects { queue += perform(effect, screen) }
        }
    }

    func perform(_ effect: Effect, _ screen: TerminalScreen) -> [Action] {
        switch effect {
        case .loadCellDetail(let matrix, let row, let column):
            return [.cellDetailLoaded(try? source.cellDetail(matrix: matrix, row: row, column: column))]
        case .writeExport(let request, let overwrite):
            do {
                let rows = try source.writeExport(request, overwrite: overwrite)
                return [.exportFinished(path: request.path, rows: rows)]
            } catch let error as ExportWriteError {
                return [.exportFailed(error, request)]
            } catch {
                return [.exportFailed(.failed(path: request.path, message: "\(error)"), request)]
            }
        case .copyToClipboard(let request):
            guard let text = try? source.exportText(request) else { return [] }
            screen.copyToClipboard(text)
            return [.copied(rows: request.rowKeys.count)]
        case .saveSession(let session):
            try? session.save(to: sessionURL)
            return []
        case .startLiveTest, .quit:
            return []
        }
    }
}

import Explorer
import ExplorerLive
import Foundation
import LiveTest
import MatrixCore
import MatrixStore
import Screen
import Terminal

/// The explorer's loop: read a key (or wake for a live test's updates), reduce, perform the
/// effects, draw. The only place where state, data source, live-test engine and terminal meet.
///
/// ```swift
/// try ExplorerApp(source: source, theme: .dark, glyphs: .emoji).run()
/// ```
struct ExplorerApp {
    let source: any ExplorerDataSource
    let theme: Theme
    let glyphs: GlyphSet
    var sessionURL = SessionState.defaultURL()
    /// `explore --ray ADDRESS`: `T` starts on that Ray cluster (`R` switches back and forth).
    var ray: String?
    /// The user's saved views, why they could not be read (shown in the status line), and the
    /// view `--view NAME` opens on.
    var views: [SavedView] = []
    var viewsProblem: String?
    var startWith: SavedView?
    /// How often the pane's clock and spinner move while a run goes on.
    static let tickInterval: Duration = .milliseconds(100)

    /// What the loop carries between keys: the screen, the live test or batch in progress, if
    /// any, and the warm workers batches run on (one pool for the explorer's lifetime).
    final class Loop {
        let screen: TerminalScreen
        let pool: WorkerPool
        var live: LiveTestSession?
        var batch: BatchSession?
        var lastTick = ContinuousClock.now
        init(screen: TerminalScreen, pool: WorkerPool) {
            self.screen = screen
            self.pool = pool
        }

        /// Whether the key wait should return: the run reported something, or the clock should move.
        var hasLiveWork: Bool {
            let pending = (live?.hasPending ?? false) || (batch?.hasPending ?? false)
            guard live != nil || batch != nil else { return false }
            return pending || ContinuousClock.now - lastTick >= ExplorerApp.tickInterval
        }
    }

    func run() throws {
        let grids = try source.grids()
        let screen = TerminalScreen.start(theme: theme, glyphs: glyphs)
        defer { screen.stop() }
        // Every exit path (q, Ctrl-C, a signal turned into a quit, a thrown error) ends here: no
        // warm worker outlives the explorer.
        let pool = WorkerPool()
        defer { pool.shutdownAndWait() }
        let loop = Loop(screen: screen, pool: pool)
        var state = ExplorerState(grids: grids, width: screen.width, height: screen.height,
                                  theme: screen.theme, glyphs: screen.glyphs)
        state.liveTestAvailable = true
        state.rayChoice = ray ?? ProcessInfo.processInfo.environment["RAY_ADDRESS"].flatMap { $0.isEmpty ? nil : $0 } ?? "local"
        state.rayAddress = ray
        // Each tab opens on the document beside this machine's environment, where it has runs.
        for grid in grids {
            guard let start = try? source.startEnvironments(matrix: grid.name), !start.isEmpty,
                  let view = try? source.grid(matrix: grid.name, environments: start) else { continue }
            _ = state.apply(.environmentViewLoaded(LoadedGrid(view), environments: start))
        }
        if let session = SessionState.load(from: sessionURL) { dispatch(.restoreSession(session), &state, loop) }
        state.savedViews = views
        state.exportDirectory = FileManager.default.currentDirectoryPath
        if let viewsProblem { state.statusMessage = StatusMessage(viewsProblem, isError: true) }
        if let startWith { dispatch(.applyView(startWith), &state, loop) }
        screen.draw(render(state))
        while !state.quitting {
            // A burst of keys (a paste) is reduced as a whole and drawn once (issue 14 D10).
            let keys = screen.readKeys { loop.hasLiveWork }
            var changed = deliverUpdates(of: \.live, &state, loop)
            changed = deliverUpdates(of: \.batch, &state, loop) || changed
            var index = keys.startIndex
            while index < keys.endIndex, !state.quitting {
                let (action, consumed) = state.nextAction(in: keys[index...])
                if let action {
                    dispatch(action, &state, loop)
                    changed = true
                }
                index += max(1, consumed)
            }
            if changed { screen.draw(render(state)) }
        }
        // Never leave a harness behind: cancel it, give it a moment to die, and record the
        // cancelled run like any other (`infermatrix test` records a Ctrl-C the same way).
        if let live = loop.live {
            live.cancelAndWait()
            for case .liveFinished(let run) in live.drain() { _ = try? source.recordRun(run) }
        }
        // A batch records its own runs, the cancelled one included.
        loop.batch?.cancelAndWait()
    }

    /// Feeds the updates of the session in `slot` (the live test or the batch), and a clock tick,
    /// to the reducer; forgets the session once it has finished and been drained. True when the
    /// frame changed.
    func deliverUpdates<Session: ActionSession>(of slot: ReferenceWritableKeyPath<Loop, Session?>,
                                                _ state: inout ExplorerState, _ loop: Loop) -> Bool {
        guard let session = loop[keyPath: slot] else { return false }
        let finished = session.isFinished
        let actions = session.drain()
        for action in actions { dispatch(action, &state, loop) }
        if finished && !session.hasPending {
            loop[keyPath: slot] = nil
            return true
        }
        let now = ContinuousClock.now
        if now - loop.lastTick >= Self.tickInterval {
            loop.lastTick = now
            dispatch(session.tick, &state, loop)
            return true
        }
        return !actions.isEmpty
    }

    /// Applies an action and every effect it leads to (effects answer with more actions).
    func dispatch(_ action: Action, _ state: inout ExplorerState, _ loop: Loop) {
        var queue = [action]
        while !queue.isEmpty {
            let effects = state.apply(queue.removeFirst())
            for effect in effects { queue += perform(effect, loop) }
        }
    }

    func perform(_ effect: Effect, _ loop: Loop) -> [Action] {
        switch effect {
        case .loadCellDetail(let matrix, let row, let column):
            return [.cellDetailLoaded(try? source.cellDetail(matrix: matrix, row: row, column: column))]
        case .saveView(let view):
            do {
                var saved = try SavedViews.load()
                saved.save(view)
                try saved.write()
                return [.viewSaved(view)]
            } catch {
                return [.viewSaveFailed("Cannot save the view: \(error)")]
            }
        case .loadLastRuns(let matrix):
            return [.lastRunsLoaded(matrix: matrix, times: (try? source.lastRunTimes(matrix: matrix)) ?? [:])]
        case .searchNotes(let matrix, let words):
            var matches: [String: Set<Int>] = [:]
            for word in words { matches[word] = source.noteMatches(matrix: matrix, word: word) }
            return [.notesFound(matrix: matrix, matches: matches)]
        case .writeExport(var request, let overwrite):
            request.path = (request.path as NSString).expandingTildeInPath   // `~/x.csv` as a shell would
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
            loop.screen.copyToClipboard(text)
            return [.copied(rows: request.rowKeys.count)]
        case .saveSession(let session):
            try? session.save(to: sessionURL)
            return []
        case .startLiveTest(let target):
            // The reducer allows one run at a time; the same request `infermatrix test` makes.
            loop.live = LiveTestSession(target: target)
            loop.lastTick = .now
            return []
        case .cancelLiveTest:
            loop.live?.cancel()
            return []
        case .openLink(let url):
            do {
                if let browser = try Browser.open(url, environment: ProcessInfo.processInfo.environment) {
                    return [.linkOpened(url: url, browser: browser)]
                }
                loop.screen.copyToClipboard(url)
                return [.linkOpened(url: url, browser: nil)]
            } catch {
                return [.linkFailed("Could not start $BROWSER for \(url): \(error.localizedDescription)")]
            }
        case .saveLiveLog(let file):
            do {
                return [.liveLogSaved(path: try file.write(in: FileManager.default.currentDirectoryPath), lines: file.lines.count)]
            } catch ExportWriteError.failed(let path, let message) {
                return [.liveLogSaveFailed("Could not save the log to \(path): \(message)")]
            } catch {
                return [.liveLogSaveFailed("Could not save the log: \(error)")]
            }
        case .recordLiveRun(let run):
            return record(run)
        case .startBatch(let plan):
            loop.batch = startBatch(plan, pool: loop.pool)
            loop.lastTick = .now
            return []
        case .cancelBatch:
            loop.batch?.cancel()
            return []
        case .reloadGrid(let matrix):
            return (try? source.grid(matrix: matrix)).map { [.gridReloaded(LoadedGrid($0))] } ?? []
        case .loadEnvironmentView(let matrix, let current, let exactly):
            do {
                let next = try exactly ?? EnvironmentViews.next(after: current, in: source.environmentNames(matrix: matrix))
                return [.environmentViewLoaded(LoadedGrid(try source.grid(matrix: matrix, environments: next)), environments: next)]
            } catch {
                return [.liveRecordFailed("environment view: \(error)")]
            }
        case .repaint:
            loop.screen.repaintAll()
            return []
        case .quit:
            return []
        }
    }

    /// Records the verdict like `infermatrix test` does, then reloads the matrix's grid so the
    /// cell shows the live result (and a contradiction with the imported status).
    func record(_ run: LiveRun) -> [Action] {
        var actions: [Action]
        do {
            actions = [.liveRecorded(try source.recordRun(run))]
        } catch {
            actions = [.liveRecordFailed("\(error)")]
        }
        if let grid = try? source.grid(matrix: run.request.matrix) { actions.append(.gridReloaded(LoadedGrid(grid))) }
        return actions
    }
}

import MatrixCore

/// What one view of a matrix shows: the grid queries run on, and which environments' verdicts
/// fill it.
///
/// - No environment named: the document, each cell overlaid with the latest decisive live verdict
///   of the backend the document speaks for in that column (``CellVerdicts/shown(row:column:owner:in:)``).
/// - One live environment: the document overlaid with that environment's verdicts.
/// - `doc` alone: the document, no live verdicts.
/// - Two or more: side by side, each column split into one sub-column per environment
///   (``MatrixGrid/sideBySide(_:document:)``), cells that differ marked.
///
/// ```swift
/// let view = try store.view("params", environments: ["doc", "cpu-vllm-0.32"])
/// view.grid.columns.map(\.key)   // ["pytorch", "tensorrt", "vllm", "vllm@cpu-vllm-0.32"]
/// ```
public struct EnvironmentView: Sendable {
    public var grid: MatrixGrid
    public var index: EnvironmentIndex
    /// The environments named, resolved, in the order given (empty: the default overlay).
    public var shown: [Environment]

    /// Side by side: sub-columns, one per shown environment.
    public var isSideBySide: Bool { shown.count > 1 }

    /// The single live environment an overlay shows, if one was named.
    public var overlayEnvironment: Environment? {
        shown.count == 1 && !shown[0].isDocument ? shown[0] : nil
    }
}

extension MatrixDatabase {
    /// The view of matrix `name` showing the `environments` a person named (names, normalized
    /// names, aliases or keys; see ``EnvironmentIndex/lookup(_:)``).
    ///
    /// - Throws: ``EnvironmentError`` for an unknown name (listing the known ones), ``StoreError``.
    public func view(_ name: String, environments typed: [String], aliases: [String: String] = [:]) throws -> EnvironmentView {
        let table = try verdictTable(name)
        let index = try environmentIndex(name, aliases: aliases)
        var shown: [Environment] = []
        for name in typed {
            let environment = try index.lookup(name)
            if !shown.contains(environment) { shown.append(environment) }
        }
        let imported = try loadGrid(name)
        switch shown.count {
        case 0:
            var grid = imported
            applyLiveResults(to: &grid, verdicts: try liveVerdicts(name, forGrid: true))
            return EnvironmentView(grid: grid, index: index, shown: [])
        case 1 where shown[0].isDocument:
            return EnvironmentView(grid: imported, index: index, shown: shown)
        case 1:
            var grid = imported
            applyLiveResults(to: &grid, verdicts: try liveVerdicts(name, environment: shown[0], forGrid: true))
            return EnvironmentView(grid: grid, index: index, shown: shown)
        default:
            let layers = shown.filter { !$0.isDocument }.map { environment in
                VerdictLayer(grid: imported, table: table, environment: environment, name: index.name(of: environment))
            }
            return EnvironmentView(grid: imported.sideBySide(layers, document: shown.contains(where: \.isDocument)),
                                   index: index, shown: shown)
        }
    }
}

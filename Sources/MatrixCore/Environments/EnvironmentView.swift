/// What one view of a matrix shows: the grid queries run on, and which environments' verdicts
/// fill it. The store, the CLI and the explorer all build views here.
///
/// - No environment named: the document, each cell overlaid with the latest decisive live verdict
///   of the backend the document speaks for in that column (``CellVerdicts/shown(row:column:owner:in:)``).
/// - One live environment: the document overlaid with that environment's verdicts.
/// - `doc` alone: the document, no live verdicts.
/// - Two or more: side by side, each column split into one sub-column per environment
///   (``MatrixGrid/sideBySide(_:document:)``), cells that differ marked.
///
/// ```swift
/// let view = try EnvironmentView(imported: params, document: doc, table: table, index: index,
///                                named: ["doc", "cpu-vllm-0.32"])
/// view.grid.columns.map(\.key)   // ["pytorch", "vllm", "vllm@cpu-vllm-0.32", "tensorrt"]
/// ```
public struct EnvironmentView: Sendable {
    public var grid: MatrixGrid
    /// The grid as imported, without live verdicts: what an export writes in its status columns.
    public let imported: MatrixGrid
    public var index: EnvironmentIndex
    /// The environments named, resolved, in the order given (empty: the default overlay).
    public var shown: [Environment]

    /// Side by side: sub-columns, one per shown environment.
    public var isSideBySide: Bool { shown.count > 1 }

    /// The single live environment an overlay shows, if one was named.
    public var overlayEnvironment: Environment? {
        shown.count == 1 && !shown[0].isDocument ? shown[0] : nil
    }

    /// - Parameters:
    ///   - imported: the matrix's grid as imported (the document's statuses).
    ///   - named: names as a person typed them (``EnvironmentIndex/lookup(_:)``).
    /// - Throws: ``EnvironmentError`` for an unknown name, listing the known ones.
    public init(imported: MatrixGrid, document: Environment, table: CellVerdicts, index: EnvironmentIndex,
                named: [String]) throws(EnvironmentError) {
        var shown: [Environment] = []
        for name in named {
            let environment = try index.lookup(name)
            if !shown.contains(environment) { shown.append(environment) }
        }
        self.index = index
        self.shown = shown
        self.imported = imported
        if shown.count > 1 {
            let layers = shown.filter { !$0.isDocument }.map { environment in
                VerdictLayer(grid: imported, table: table, environment: environment, name: index.name(of: environment))
            }
            grid = imported.sideBySide(layers, document: shown.contains(where: \.isDocument))
            return
        }
        grid = imported
        if shown.first?.isDocument == true || table.isEmpty { return }
        let rows = Dictionary(imported.rowKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = Dictionary(imported.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        let verdicts = LiveVerdicts(table: table, kind: imported.kind, document: document, environment: shown.first,
                                    names: index, ownersOnly: true) { row, column in
            guard let row = rows[row], let column = columns[column] else { return nil }
            return imported.status(row: row, column: column)
        }
        applyLiveResults(to: &grid, verdicts: verdicts)
    }
}

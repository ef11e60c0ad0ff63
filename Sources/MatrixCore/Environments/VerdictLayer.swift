/// One environment's verdicts over a grid, aligned with it cell for cell (one status byte and one
/// flag byte each): what a side-by-side view interleaves.
///
/// ```swift
/// let cpu = VerdictLayer(grid: params, table: table, environment: cpuVllm, name: "cpu·vllm 0.32")
/// let view = params.sideBySide([cpu])        // vLLM | vLLM · cpu·vllm 0.32
/// ```
public struct VerdictLayer: Sendable {
    public var environment: Environment
    /// The unique name shown in sub-column titles.
    public var name: String
    /// `rowCount × columnCount` status codes; untested where the environment has no verdict.
    public var statuses: [UInt8]
    /// ``CellFlags`` raw values (``CellFlags/live``, regression, fix).
    public var flags: [UInt8]

    public init(environment: Environment, name: String, statuses: [UInt8], flags: [UInt8]) {
        self.environment = environment
        self.name = name
        self.statuses = statuses
        self.flags = flags
    }

    /// The layer of `environment` over `grid`, from the verdict table (``VerdictRule``).
    public init(grid: MatrixGrid, table: CellVerdicts, environment: Environment, name: String) {
        let count = grid.rowCount * grid.columnCount
        var statuses = [UInt8](repeating: CellStatus.untested.code, count: count)
        var flags = [UInt8](repeating: 0, count: count)
        let rows = Dictionary(grid.rowKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = Dictionary(grid.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        for verdict in table.verdicts(in: environment) {
            guard let status = verdict.status, let row = rows[verdict.address.row],
                  let column = columns[verdict.address.column] else { continue }
            var flag: CellFlags = .live
            switch table.change(of: verdict)?.change {
            case .regression?: flag.insert(.regression)
            case .fix?: flag.insert(.fix)
            default: break
            }
            statuses[row * grid.columnCount + column] = status.code
            flags[row * grid.columnCount + column] = flag.rawValue
        }
        self.init(environment: environment, name: name, statuses: statuses, flags: flags)
    }
}

extension MatrixGrid {
    /// The separator between a column's key and an environment's name in a sub-column key:
    /// `vllm@cpu-vllm-0.32` (column keys never contain `@`).
    public static let subColumnSeparator: Character = "@"

    /// Each status column split into sub-columns: the document's (when `document` is true), then
    /// one per layer. On a parameter matrix a layer only splits its own backend's column; on a
    /// feature matrix every feature column gets every layer. Cells of one column whose tested
    /// verdicts disagree are all marked ``CellFlags/differs``.
    ///
    /// ```swift
    /// params.sideBySide([h100, cpu]).columns.map(\.key)
    /// // ["pytorch", "pytorch@h100-torch-2.11", "pytorch@cpu-torch-2.11", "tensorrt", "vllm"]
    /// ```
    public func sideBySide(_ layers: [VerdictLayer], document: Bool = true) -> MatrixGrid {
        // Per output column: the base column and the layer (nil: the document).
        var sources: [(base: Int, layer: Int?)] = []
        var newColumns: [Column] = []
        for (index, column) in columns.enumerated() {
            let mine = layers.indices.filter { layer in
                kind != .parameters || layers[layer].environment.backend == column.key
            }
            if document || mine.isEmpty {
                sources.append((index, nil))
                newColumns.append(column)
            }
            for layer in mine {
                sources.append((index, layer))
                newColumns.append(Column(key: column.key + String(Self.subColumnSeparator) + Environment.normalized(layers[layer].name),
                                         title: column.title + " · " + layers[layer].name))
            }
        }
        let width = newColumns.count, oldWidth = columnCount
        var newStatuses = [UInt8](repeating: 0, count: rowCount * width)
        var newFlags = [UInt8](repeating: 0, count: rowCount * width)
        let differs = CellFlags.differs.rawValue
        let testedMask: UInt8 = 1 << CellStatus.supported.code | 1 << CellStatus.unsupported.code | 1 << CellStatus.uncertain.code
        for row in 0..<rowCount {
            let from = row * oldWidth, to = row * width
            var start = 0
            while start < width {
                var end = start
                var seen: UInt8 = 0
                let base = sources[start].base
                while end < width, sources[end].base == base {
                    let source = sources[end]
                    let status: UInt8, flag: UInt8
                    if let layer = source.layer {
                        status = layers[layer].statuses[from + base]
                        flag = layers[layer].flags[from + base]
                    } else {
                        status = statuses[from + base]
                        flag = cellFlags[from + base] & ~(differs | CellFlags.live.rawValue)
                    }
                    newStatuses[to + end] = status
                    newFlags[to + end] = flag
                    if status < 8 { seen |= (1 << status) & testedMask }
                    end += 1
                }
                if seen.nonzeroBitCount > 1 {
                    for column in start..<end where (1 << newStatuses[to + column]) & testedMask != 0 {
                        newFlags[to + column] |= differs
                    }
                }
                start = end
            }
        }
        var view = self
        view.columns = newColumns
        view.statuses = newStatuses
        view.cellFlags = newFlags
        return view
    }

    /// `vllm@cpu-vllm-0.32` → (`vllm`, `cpu-vllm-0.32`); a plain key → (key, nil).
    public static func splitSubColumnKey(_ key: String) -> (column: String, environment: String?) {
        guard let at = key.firstIndex(of: subColumnSeparator) else { return (key, nil) }
        return (String(key[..<at]), String(key[key.index(after: at)...]))
    }
}

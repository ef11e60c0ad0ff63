import MatrixCore

extension CellDetail {
    /// The detail of one cell read off its matrix: the one way both data sources (the store's,
    /// over a matrix loaded with just that row, and the in-memory one) build the detail pane.
    ///
    /// ```swift
    /// let detail = CellDetail(matrix: params, rowKey: "vllm.block_size=8", column: "vllm", runs: runs)
    /// detail.status   // .unsupported
    /// ```
    public init(matrix: Matrix, rowKey key: String, column: String?, runs: [LiveRun] = []) {
        guard let row = matrix.row(key) else {
            self.init(matrix: matrix.name, rowKey: key, runs: runs)
            return
        }
        let cell = column.flatMap { row.cells[$0] }
        var labels = row.footnotes
        if let cell { labels += cell.footnotes }
        if let column, let header = matrix.column(column) { labels += header.footnotes }
        let footnotes = labels.compactMap { label in matrix.footnotes.first { $0.label == label } }
        self.init(
            matrix: matrix.name, rowKey: key, section: row.section, columnKey: column,
            columnTitle: column.flatMap { matrix.column($0)?.title },
            status: column.map { _ in cell?.status ?? .untested }, literal: cell?.literal,
            note: cell?.note, footnotes: footnotes, rowNotes: row.notes,
            attributes: row.attributes.map { "\($0.name): \($0.literal)" },
            source: matrix.source.map { "\($0.path) (\($0.format.rawValue))" },
            runs: runs)
    }
}

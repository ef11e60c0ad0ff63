import MatrixCore

/// The export dialog, overwrite confirmation and the Markdown clipboard copy.
extension ExplorerState {
    mutating func export(_ action: Action) -> [Effect] {
        switch action {
        case .openExport:
            let rows = tab.rowsForExport.count
            modal = .export(ExportDialog(format: .csv, path: ExportDialog.defaultPath(matrix: tab.grid.name, format: .csv, directory: exportDirectory), rowCount: rows))
        case .cycleFormat(let delta):
            guard case .export(var dialog) = modal else { return [] }
            let all = ExportFormat.allCases
            let index = all.firstIndex(of: dialog.format) ?? 0
            dialog.format = all[((index + delta) % all.count + all.count) % all.count]
            if !dialog.pathEdited { dialog.path = ExportDialog.defaultPath(matrix: tab.grid.name, format: dialog.format, directory: exportDirectory) }
            modal = .export(dialog)
        case .typePath(let character):
            guard case .export(var dialog) = modal else { return [] }
            dialog.path.append(character)
            dialog.pathEdited = true
            modal = .export(dialog)
        case .exportConfirm:
            guard case .export(let dialog) = modal else { return [] }
            guard !dialog.path.isEmpty else {
                statusMessage = StatusMessage("Give the export a path", isError: true)
                return []
            }
            modal = .none
            let path = ExportDialog.absolute(dialog.path, in: exportDirectory)
            return [.writeExport(exportRequest(format: dialog.format, path: path), overwrite: false)]
        case .confirmOverwrite:
            guard case .confirmOverwrite(let request) = modal else { return [] }
            modal = .none
            return [.writeExport(request, overwrite: true)]
        case .exportFinished(let path, let rows):
            statusMessage = StatusMessage("Wrote \(rows.counted("row")) to \(path)")
        case .exportFailed(.fileExists, let request):
            modal = .confirmOverwrite(request)
        case .exportFailed(.failed(let path, let message), _):
            statusMessage = StatusMessage("Could not write \(path): \(message)", isError: true)
        case .exportFailed(.unknownMatrix(let name), _):
            statusMessage = StatusMessage("No matrix named \(name)", isError: true)
        case .copyMarkdown:
            return [.copyToClipboard(exportRequest(format: .markdown, path: ""))]
        case .copied(let rows):
            statusMessage = StatusMessage("Copied \(rows.counted("row")) as Markdown")
        default:
            break
        }
        return []
    }

    /// Exactly the marked rows (or the filtered view when nothing is marked), with the
    /// selected columns (marked cells add their columns when the view has none of them).
    public func exportRequest(format: ExportFormat, path: String) -> ExportRequest {
        let grid = tab.grid
        var columns = tab.selection.columns
        for cell in tab.markedCells where !columns.contains(cell.column) { columns.append(cell.column) }
        return ExportRequest(matrix: grid.name, rowKeys: tab.rowsForExport.map { grid.rowKeys[$0] },
                             columnKeys: columns.sorted().map { grid.columns[$0].key }, format: format, path: path)
    }
}

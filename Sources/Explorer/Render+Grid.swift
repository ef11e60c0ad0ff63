import MatrixCore
import Screen

/// The frozen header row, the frozen first column, section separators, cells and the cursor.
extension Painter {
    mutating func drawGrid() {
        let columns = layout.visibleColumns(tab, glyphs: glyphs)
        drawHeader(columns)
        let lines = layout.gridLines(tab)
        if tab.selection.rows.isEmpty {
            let message = tab.queryError == nil ? "No rows match the filter (Esc clears it)" : "Fix the query to see rows"
            buffer.write(message, x: 2, y: Layout.gridTop + 1, role: .dim)
            return
        }
        for (index, line) in lines.enumerated() {
            let y = Layout.gridTop + index
            switch line {
            case .separator(let name):
                buffer.fill(x: 0, y: y, count: layout.gridWidth, role: .separator, character: "─")
                buffer.write(" \(name) ", x: 2, y: y, role: .separator, bold: true)
            case .row(let position):
                drawRow(position, y: y, columns: columns)
            }
        }
    }

    mutating func drawHeader(_ columns: [(index: Int, x: Int, width: Int)]) {
        let y = Layout.headerY
        buffer.fill(x: 0, y: y, count: layout.gridWidth, role: .header)
        buffer.write(DisplayWidth.truncate(tab.grid.rowHeader.isEmpty ? "Row" : tab.grid.rowHeader, to: layout.frozenWidth - 3),
                     x: 2, y: y, role: .header, bold: true)
        for column in columns {
            let title = tab.displayColumn(column.index).map(tab.title) ?? ""
            let role: StyleRole = column.index == tab.cursorColumn ? .highlight : .header
            buffer.write(DisplayWidth.truncate(title, to: column.width - 1), x: column.x, y: y, role: role, bold: true)
        }
    }

    mutating func drawRow(_ position: Int, y: Int, columns: [(index: Int, x: Int, width: Int)]) {
        let gridRow = tab.selection.rows[position]
        let marked = tab.markedRows.contains(gridRow)
        let isCursorRow = position == tab.cursorRow
        let frozenRole: StyleRole = marked ? .selected : .frozen
        if marked { buffer.fill(x: 0, y: y, count: layout.frozenWidth, role: .selected) }
        buffer.write(marked ? glyphs.markMarker : (tab.rangeAnchor == gridRow ? "V" : " "), x: 0, y: y, role: frozenRole)
        buffer.write(DisplayWidth.truncate(tab.grid.rowKeys[gridRow], to: layout.frozenWidth - 3),
                     x: 2, y: y, role: frozenRole, bold: isCursorRow)
        for column in columns {
            drawCell(row: gridRow, display: column, y: y, isCursor: isCursorRow && column.index == tab.cursorColumn)
        }
    }

    mutating func drawCell(row: Int, display: (index: Int, x: Int, width: Int), y: Int, isCursor: Bool) {
        let maxX = display.x + display.width - 1
        switch tab.displayColumn(display.index) {
        case .attribute(let index)?:
            let text = tab.grid.attributes[row][index]
            buffer.write(DisplayWidth.truncate(text, to: display.width - 1), x: display.x, y: y, role: .normal, maxX: maxX)
            if isCursor { buffer.restyle(x: display.x, y: y, count: display.width - 1, role: .cursor) }
        case .status(let column)?:
            let status = tab.grid.status(row: row, column: column)
            let flags = tab.grid.flags(row: row, column: column)
            let markedCell = tab.markedCells.contains(CellRef(row: row, column: column))
            let role = Self.role(for: status)
            if markedCell { buffer.fill(x: display.x, y: y, count: display.width - 1, role: .selected) }
            var x = buffer.write(glyph(for: status), x: display.x + 1, y: y, role: markedCell ? .selected : role, maxX: maxX)
            for marker in CellMarker.markers(for: flags) {
                x = buffer.write(marker.symbol, x: x, y: y, role: Self.role(for: marker), bold: marker == .change, maxX: maxX)
            }
            if isCursor { buffer.restyle(x: display.x, y: y, count: display.width - 1, role: .cursor) }
        case nil:
            break
        }
    }

    func glyph(for status: CellStatus) -> String { glyphs.glyph(for: status) }

    /// Marks read as notes (magenta) or as warnings (red): see ``Legend``.
    static func role(for marker: CellMarker) -> StyleRole {
        switch marker {
        case .note, .live: .noteMarker
        case .differs, .change: .error
        }
    }

    static func role(for status: CellStatus) -> StyleRole {
        switch status {
        case .supported: .passed
        case .unsupported: .failed
        case .uncertain: .uncertain
        case .untested: .untested
        case .notApplicable: .na
        }
    }
}

import MatrixCore
import Screen

/// Draws a state into a fresh ``ScreenBuffer``: pure, and only the visible window is laid out,
/// so a 20,000-row grid costs the same as a 20-row one.
///
/// ```swift
/// let frame = render(state)
/// print(frame.text())
/// ```
public func render(_ state: ExplorerState) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: state.width, height: state.height)
    guard !state.isTooSmall else {
        drawTooSmall(state, into: &buffer)
        return buffer
    }
    guard state.hasTabs else {
        buffer.write("No matrices in this database. Import one: infermatrix import FILE…", x: 1, y: 1)
        return buffer
    }
    let layout = Layout(state)
    var painter = Painter(state: state, layout: layout, buffer: buffer)
    painter.drawTabBar()
    painter.drawCounts()
    painter.drawGrid()
    if state.livePane?.visible == true { painter.drawLivePane() } else if state.detailVisible { painter.drawDetail() }
    painter.drawLegend()
    painter.drawFilterLine()
    painter.drawStatusBar()
    painter.drawModal()
    return painter.buffer
}

/// "Make the terminal at least 60×16": drawn instead of the grid when the window is too small.
func drawTooSmall(_ state: ExplorerState, into buffer: inout ScreenBuffer) {
    let lines = ["Terminal too small: \(state.width)×\(state.height)",
                 "Make it at least \(ExplorerState.minimumWidth)×\(ExplorerState.minimumHeight)", "q quits"]
    for (index, line) in lines.enumerated() {
        let y = state.height / 2 - 1 + index
        let x = max(0, (state.width - DisplayWidth.of(line)) / 2)
        buffer.write(line, x: x, y: y, role: index == 0 ? .error : .normal)
    }
}

/// Holds the frame while the parts of the screen are drawn in turn.
struct Painter {
    let state: ExplorerState
    let layout: Layout
    var buffer: ScreenBuffer
    var tab: TabState { state.tab }
    var glyphs: GlyphSet { state.glyphs }

    // MARK: - Top bar

    mutating func drawTabBar() {
        buffer.fill(x: 0, y: Layout.tabBarY, count: layout.width, role: .tabInactive)
        for (index, label) in Layout.tabLabels(state).enumerated() {
            let role: StyleRole = index == state.activeTab ? .tabActive : .tabInactive
            buffer.write(label.label, x: label.x, y: Layout.tabBarY, role: role, bold: role == .tabActive)
        }
        let summary = " \(Self.rowIndicator(tab)) "
        let x = layout.width - DisplayWidth.of(summary)
        if x > (Layout.tabLabels(state).last.map { $0.x + DisplayWidth.of($0.label) } ?? 0) {
            buffer.write(summary, x: x, y: Layout.tabBarY, role: .tabInactive)
        }
    }

    /// `row 23 of 110`; with a filter `row 3 of 15 (110)`; the sort when one is on: `· failures ↓`.
    static func rowIndicator(_ tab: TabState) -> String {
        let shown = tab.selection.rows.count, total = tab.grid.rowCount
        var text = shown == 0 ? "no rows of \(total)" : "row \(tab.cursorRow + 1) of \(shown)" + (shown == total ? "" : " (\(total))")
        if let sort = tab.arrangement.sort { text += " · \(sort.label)" }
        return text
    }

    /// The counts of the view, above each shown status column so they scroll with the grid:
    /// `26/43 ❌9 ⚠️8` (passed/tested, failed, uncertain: ``CountsLine``), cut to the column.
    mutating func drawCounts() {
        let y = Layout.countsY
        guard !tab.counts.isEmpty else { return }   // a text-only matrix (Models) has nothing to count
        buffer.write(DisplayWidth.truncate("passed/tested", to: layout.frozenWidth - 2), x: 1, y: y, role: .dim)
        let counts = Dictionary(tab.counts.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
        for column in layout.visibleColumns(tab, glyphs: glyphs) {
            guard case .status(let index)? = tab.displayColumn(column.index), let count = counts[index] else { continue }
            let maxX = column.x + column.width - 1
            var x = column.x
            for part in CountsLine.fitted(count, glyphs: glyphs, width: column.width - 1) {
                x = buffer.write(part.text, x: x, y: y, role: part.role, maxX: maxX)
            }
        }
    }
}

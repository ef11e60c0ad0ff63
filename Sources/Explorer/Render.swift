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
        let summary = " \(tab.selection.rows.count)/\(tab.grid.rowCount) rows "
        let x = layout.width - DisplayWidth.of(summary)
        if x > (Layout.tabLabels(state).last.map { $0.x + DisplayWidth.of($0.label) } ?? 0) {
            buffer.write(summary, x: x, y: Layout.tabBarY, role: .tabInactive)
        }
    }

    /// Seed 000's Summary for the view: `vLLM 68/83 ✗15` per status column.
    mutating func drawCounts() {
        var x = 1
        let y = Layout.countsY
        for count in tab.counts {
            guard x < layout.width - 4 else { break }
            let title = DisplayWidth.truncate(tab.grid.columns[count.column].title, to: 14)
            x = buffer.write(title, x: x, y: y, role: .header) + 1
            x = buffer.write("\(count.passed)/\(count.tested)", x: x, y: y, role: .passed)
            if count.failed > 0 {
                x = buffer.write(" \(glyphs.failed)\(count.failed)", x: x, y: y, role: .failed)
            }
            x = buffer.write("  ", x: x, y: y)
        }
    }
}

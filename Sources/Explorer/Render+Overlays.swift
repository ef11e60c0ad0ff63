import MatrixCore
import Screen

/// Boxes drawn over the grid: help (generated from the keymap), quick toggles, export dialog,
/// overwrite confirmation.
extension Painter {
    mutating func drawModal() {
        switch state.modal {
        case .none, .query: break
        case .help(let scroll): drawHelp(scroll: scroll)
        case .quickToggles(let toggles): drawToggles(toggles)
        case .export(let dialog): drawExport(dialog)
        case .confirmOverwrite(let request):
            drawBox(title: "File exists", lines: [("\(request.path) exists.", .normal),
                                                  ("Overwrite it?  y: yes   n: no", .highlight)], width: 56)
        case .confirmBatch(let plan): drawBatchConfirmation(plan)
        case .batchSummary: drawBatchSummary()
        }
    }

    /// Every binding of ``Keymap/standard``, grouped by context.
    static func helpLines() -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = []
        for section in Keymap.standard.helpSections() where !section.lines.isEmpty {
            lines.append((section.title, .header))
            for line in section.lines { lines.append(("  " + DisplayWidth.pad(line.keys, to: 16) + " " + line.help, .normal)) }
        }
        return lines
    }

    mutating func drawHelp(scroll: Int) {
        let lines = Self.helpLines()
        let visible = max(1, layout.height - 4)
        let start = min(scroll, max(0, lines.count - visible))
        drawBox(title: "Keys (\(start + 1)–\(min(lines.count, start + visible)) of \(lines.count))",
                lines: Array(lines[start..<min(lines.count, start + visible)]), width: 64)
    }

    mutating func drawToggles(_ toggles: QuickToggles) {
        let terms = Set(tab.filterText.split(separator: " ").map(String.init))
        let visible = max(1, layout.height - 6)
        let start = max(0, min(toggles.cursor - visible / 2, toggles.items.count - visible))
        let lines = toggles.items[start..<min(toggles.items.count, start + visible)].enumerated().map { offset, item in
            let on = terms.contains(item.term)
            let text = "\(on ? "[x]" : "[ ]") \(item.label)"
            return (text, start + offset == toggles.cursor ? StyleRole.cursor : (on ? .highlight : .normal))
        }
        drawBox(title: "Quick toggles", lines: lines, width: 44)
    }

    mutating func drawExport(_ dialog: ExportDialog) {
        let formats = ExportFormat.allCases.map { $0 == dialog.format ? "[\($0.rawValue.uppercased())]" : " \($0.rawValue.uppercased()) " }
        let what = tab.markedRows.isEmpty && tab.markedCells.isEmpty ? "the filtered view" : "the marked rows"
        drawBox(title: "Export", lines: [
            ("Rows: \(dialog.rowCount) (\(what))", .normal),
            ("Format: " + formats.joined(separator: " "), .normal),
            ("Path: \(dialog.path)▏", .queryLine),
            ("Enter writes · Esc cancels", .dim),
        ], width: 60)
    }

    /// A centred box with a title and lines, clipped to the screen.
    mutating func drawBox(title: String, lines: [(String, StyleRole)], width wanted: Int) {
        let width = min(wanted, layout.width - 2)
        let height = min(lines.count + 2, layout.height - 2)
        let x = (layout.width - width) / 2
        let y = max(1, (layout.height - height) / 2)
        for row in 0..<height { buffer.fill(x: x, y: y + row, count: width, role: .normal) }
        buffer.write("┌" + String(repeating: "─", count: width - 2) + "┐", x: x, y: y, role: .paneBorder)
        buffer.write(" \(title) ", x: x + 2, y: y, role: .paneBorder, bold: true)
        for row in 1..<max(1, height - 1) {
            buffer.write("│", x: x, y: y + row, role: .paneBorder)
            buffer.write("│", x: x + width - 1, y: y + row, role: .paneBorder)
            if row - 1 < lines.count {
                let (text, role) = lines[row - 1]
                buffer.write(DisplayWidth.truncate(text, to: width - 4), x: x + 2, y: y + row, role: role, maxX: x + width - 2)
            }
        }
        buffer.write("└" + String(repeating: "─", count: width - 2) + "┘", x: x, y: y + height - 1, role: .paneBorder)
    }
}

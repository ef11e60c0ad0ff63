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
        case .summary(let sheet): drawSummary(sheet)
        case .saveView(let name):
            drawBox(title: "Save the view", lines: [
                ("\(Layout.tabTitle(tab.grid)): \(tab.filterText.isEmpty ? "all rows" : tab.filterText)", .normal),
                (viewDescription(tab.arrangement, environments: tab.environments), .dim),
                ("Name: \(name)▏", .queryLine),
                ("Enter saves · Esc cancels", .dim),
            ], width: min(72, layout.width - 2))
        case .views(let cursor):
            let lines = state.savedViews.enumerated().map { index, view in
                ("\(view.name)  \(view.matrix)  \(view.query)  \(viewDescription(view.arrangement, environments: view.environments))",
                 index == cursor ? StyleRole.cursor : .normal)
            }
            drawBox(title: "Saved views", lines: lines, width: min(100, layout.width - 2))
        }
    }

    /// The legend of `glyphs` (what each cell symbol means), then every binding of
    /// ``Keymap/standard``, grouped by context.
    static func helpLines(glyphs: GlyphSet = .emoji) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = [("Legend (i shows it in the footer)", .header)]
        lines += Legend(glyphs: glyphs).longLines.map { ("  " + $0, .normal) }
        for section in Keymap.standard.helpSections() where !section.lines.isEmpty {
            lines.append((section.title, .header))
            for line in section.lines { lines.append(("  " + DisplayWidth.pad(line.keys, to: 16) + " " + line.help, .normal)) }
        }
        return lines
    }

    /// Lines of help that fit in the overlay at this height (PgDn moves by this many).
    static func helpPage(height: Int) -> Int { max(1, height - 4) }

    /// The help overlay takes the screen's width (up to 120 columns) so help lines are not cut.
    mutating func drawHelp(scroll: Int) {
        let lines = Self.helpLines(glyphs: glyphs)
        let visible = Self.helpPage(height: layout.height)
        let start = min(scroll, max(0, lines.count - visible))
        drawBox(title: "Keys (\(start + 1)–\(min(lines.count, start + visible)) of \(lines.count))",
                lines: Array(lines[start..<min(lines.count, start + visible)]), width: min(120, layout.width - 2))
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

    /// `sort failures ↓ · 2 hidden · 1 moved · env doc, cpu·vllm`: what a view arranges, in a line.
    func viewDescription(_ arrangement: GridArrangement, environments: [String]) -> String {
        var parts: [String] = []
        if let sort = arrangement.sort { parts.append("sort \(sort.label)") }
        let hidden = arrangement.hiddenColumns.count + arrangement.hiddenAttributes.count
        if hidden > 0 { parts.append("\(hidden) hidden") }
        if !arrangement.columnOrder.isEmpty { parts.append("columns reordered") }
        if !arrangement.widths.isEmpty { parts.append(arrangement.widths.count.counted("width")) }
        if !environments.isEmpty { parts.append("env " + environments.joined(separator: ", ")) }
        return parts.isEmpty ? "document order, all columns" : parts.joined(separator: " · ")
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

/// The summary sheet (`F`): one line per section × column, a count per status and the pass rate.
extension Painter {
    mutating func drawSummary(_ sheet: SummarySheet) {
        let width = min(120, layout.width - 2)
        let statusWidth = max(5, glyphs.maxWidth + 3)
        let sectionWidth = max(8, min(width / 4, (sheet.lines.map { DisplayWidth.of($0.section ?? "(no section)") }.max() ?? 8)))
        let columnWidth = max(6, min(width / 5, (sheet.lines.map { DisplayWidth.of($0.summary.title) }.max() ?? 6)))
        func row(_ section: String, _ column: String, _ cells: [String], _ rate: String) -> String {
            DisplayWidth.pad(DisplayWidth.truncate(section, to: sectionWidth), to: sectionWidth) + "  "
                + DisplayWidth.pad(DisplayWidth.truncate(column, to: columnWidth), to: columnWidth) + " "
                + cells.map { String(repeating: " ", count: max(0, statusWidth - DisplayWidth.of($0))) + $0 }.joined()
                + "  " + rate
        }
        let header = row("Section", "Column", SummarySheet.statuses.map(glyphs.glyph(for:)), " pass")
        var lines: [(String, StyleRole)] = [(header, .header)]
        let visible = ExplorerState.summaryPage(height: layout.height)
        let end = min(sheet.lines.count, sheet.scroll + visible)
        var previousSection: String??
        for index in sheet.scroll..<end {
            let line = sheet.lines[index]
            let counts = SummarySheet.statuses.map { String(line.summary.count(of: $0)) }
            let rate = line.summary.passRate.map { String(format: "%4.0f%%", $0 * 100) } ?? "    –"
            let section = previousSection == .some(line.section) ? "" : (line.section ?? "(no section)")
            previousSection = .some(line.section)
            lines.append((row(section, line.summary.title, counts, rate), index == sheet.cursor ? .highlight : .normal))
        }
        lines.append(("Enter: grid filtered to \(sheet.status.queryName) cells here · ←→ status · Esc back", .dim))
        drawBox(title: "Summary: \(tab.selection.rows.count.counted("row")) (\(sheet.cursor + 1) of \(sheet.lines.count))",
                lines: lines, width: width)
        // The count under the cursor, in the cursor's colours.
        let boxX = (layout.width - width) / 2 + 2
        let boxHeight = min(lines.count + 2, layout.height - 2)
        let boxY = max(1, (layout.height - boxHeight) / 2)
        let cursorY = boxY + 2 + (sheet.cursor - sheet.scroll)
        let cellX = boxX + sectionWidth + 2 + columnWidth + 1 + sheet.statusCursor * statusWidth
        if cursorY < boxY + boxHeight - 1 { buffer.restyle(x: cellX, y: cursorY, count: statusWidth, role: .cursor) }
    }
}

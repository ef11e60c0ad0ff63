import CNcurses
import Foundation

/// SIGWINCH, caught by the program itself: the handler only raises a flag; the key loop sees it
/// within one poll interval, asks the tty for its size and tells curses (`resizeterm`).
///
/// ```swift
/// ResizeSignal.install()
/// if ResizeSignal.take() { let size = ResizeSignal.applyTerminalSize() }
/// ```
enum ResizeSignal {
    nonisolated(unsafe) static var pending: sig_atomic_t = 0

    static func install() {
        signal(SIGWINCH) { _ in ResizeSignal.pending = 1 }
    }

    /// True once per resize.
    static func take() -> Bool {
        guard pending != 0 else { return false }
        pending = 0
        return true
    }

    /// Resizes curses to the tty's size and returns it (columns, lines).
    static func applyTerminalSize() -> (width: Int, height: Int) {
        var rows: Int32 = 0, cols: Int32 = 0
        if im_tty_size(&rows, &cols) == 0 { resizeterm(rows, cols) }
        return (Int(im_cols()), Int(im_lines()))
    }
}

import CNcurses
import Foundation

/// Puts the terminal back on every way out: normal exit (`atexit`), SIGINT, SIGTERM, SIGHUP and
/// SIGQUIT (the handler restores, then re-raises the signal with its default action).
///
/// ```swift
/// TerminalRestore.install()   // right after initscr()
/// ```
public enum TerminalRestore {
    public static func install() {
        atexit { TerminalRestore.restore() }
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { received in
                TerminalRestore.restore()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// Leaves curses mode if it is on (endwin is idempotent once `isendwin` is true).
    public static func restore() {
        if !isendwin() {
            endwin()
        }
    }
}

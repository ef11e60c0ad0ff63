import CNcurses
import Foundation

/// Puts the terminal back on every way out: normal exit (`atexit`), and SIGINT, SIGTERM, SIGHUP,
/// SIGQUIT. curses is not async-signal-safe, so a signal only raises a flag that the key loop
/// (which polls every 50 ms) turns into a quit, and the program leaves curses on its normal
/// path. A second signal before that restores the saved tty modes with async-signal-safe calls
/// (`tcsetattr`, `write`) and exits at once.
///
/// ```swift
/// TerminalRestore.install()           // right after initscr()
/// if TerminalRestore.quitRequested { … }
/// ```
public enum TerminalRestore {
    nonisolated(unsafe) static var pendingSignal: sig_atomic_t = 0
    nonisolated(unsafe) static var savedModes = termios()
    nonisolated(unsafe) static var haveSavedModes = false

    /// Call before `initscr()`: remembers the tty modes for the emergency path.
    public static func saveModes() {
        haveSavedModes = tcgetattr(STDIN_FILENO, &savedModes) == 0
    }

    public static func install() {
        atexit { TerminalRestore.restore() }
        // A parent may have started us with these blocked (the mask is inherited): they would stay
        // pending for ever and the explorer would never quit on them.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&unblocked, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig) { received in
                if TerminalRestore.pendingSignal != 0 {
                    TerminalRestore.emergencyRestore()
                    _exit(128 + received)
                }
                TerminalRestore.pendingSignal = received
            }
        }
    }

    /// The signal that asked the program to end, if any.
    public static var quitRequested: Bool { pendingSignal != 0 }

    /// That signal's number (0: none): the explorer exits with 128 + it, as a shell expects.
    public static var requestedBy: Int32 { pendingSignal }

    /// Leaves curses mode if it is on.
    public static func restore() {
        if !isendwin() { endwin() }
    }

    /// Async-signal-safe: tty modes back, alternate screen left, cursor shown.
    static func emergencyRestore() {
        if haveSavedModes { tcsetattr(STDIN_FILENO, TCSANOW, &savedModes) }
        let reset: [UInt8] = Array("\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\r\n".utf8)
        _ = reset.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}

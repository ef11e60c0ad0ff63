import Foundation

/// Copies text to the clipboard through the terminal: the OSC 52 escape, which xterm, kitty,
/// iTerm2, WezTerm and tmux (with `set-clipboard on`) understand.
///
/// ```swift
/// Clipboard.osc52("| a | b |")   // "\u{1B}]52;c;fCBhIHwgYiB8\u{07}"
/// ```
public enum Clipboard {
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
    }

    /// Writes the escape straight to the terminal (standard output).
    public static func copy(_ text: String) {
        let sequence = osc52(text)
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }
}

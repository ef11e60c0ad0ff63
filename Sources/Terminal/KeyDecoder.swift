import CNcurses
import Screen

/// Turns what `wget_wch` returned into a ``Key``.
///
/// ```swift
/// KeyDecoder.decode(character: 0x0A)      // .enter
/// KeyDecoder.decode(functionKey: KEY_UP)  // .up
/// ```
enum KeyDecoder {
    /// An ordinary character (or a control character) from `wget_wch` returning `OK`.
    static func decode(character value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        default: return Unicode.Scalar(value).map { .char(Character($0)) }
        }
    }

    /// A function key from `wget_wch` returning `KEY_CODE_YES`.
    static func decode(functionKey code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case im_key_resize(): return .resize(width: Int(im_cols()), height: Int(im_lines()))
        case im_key_mouse(): return decodeMouse()
        case KEY_F0...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    static func decodeMouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let x = Int(event.x), y = Int(event.y)
        if im_mouse_is_wheel_up(event.bstate) != 0 { return .mouse(.wheelUp(x: x, y: y)) }
        if im_mouse_is_wheel_down(event.bstate) != 0 { return .mouse(.wheelDown(x: x, y: y)) }
        if im_mouse_is_click(event.bstate) != 0 { return .mouse(.click(x: x, y: y)) }
        return nil
    }
}

import Foundation

/// The time format of runs files and `show`: ISO 8601 in UTC with milliseconds
/// (`2026-03-02T14:05:11.250Z`), written and read without locales or formatters, so a runs file
/// written on any machine reads back to the same instant and the bundled database stays
/// deterministic.
///
/// ```swift
/// RunTimestamp.format(Date(timeIntervalSince1970: 0.25))   // "1970-01-01T00:00:00.250Z"
/// RunTimestamp.parse("2026-03-02T15:05:11+01:00")          // 14:05:11 UTC
/// ```
public enum RunTimestamp {
    // MARK: - Writing

    /// ISO 8601, UTC, milliseconds (rounded: the database keeps milliseconds too).
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = floorDivide(milliseconds, 1000)
        return dateTime(seconds, separator: "T") + "." + pad(Int(fraction), 3) + "Z"
    }

    /// For people: `2026-03-02 14:05:11 UTC`, seconds only.
    public static func display(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        return dateTime(floorDivide(milliseconds, 1000).0, separator: " ") + " UTC"
    }

    private static func dateTime(_ seconds: Int64, separator: String) -> String {
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        let time = Int(secondOfDay)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))\(separator)"
            + "\(pad(time / 3600, 2)):\(pad(time / 60 % 60, 2)):\(pad(time % 60, 2))"
    }

    // MARK: - Reading

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; a space may stand for the `T`.
    /// Returns `nil` for anything else (a time without a zone is ambiguous and refused).
    public static func parse(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= chars.count else { return nil }
            var value = 0
            for byte in chars[index..<index + digits] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ options: String) -> Bool {
            guard index < chars.count, options.utf8.contains(chars[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("T "), let hour = number(2), expect(":"), let minute = number(2), expect(":"),
              let second = number(2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var fraction = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < chars.count, chars[index] >= 0x30, chars[index] <= 0x39 {
                fraction += Double(chars[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            if index == start { return nil }
        }
        var offset = 0
        if expect("Z") {
            offset = 0
        } else if index < chars.count, chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
            let sign = chars[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), expect(":"), let minutes = number(2) else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard index == chars.count else { return nil }
        let days = Self.days(fromCivil: year, month, day)
        let seconds = Double(days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset))
        // Milliseconds are what the file and the database keep; round so text → date → text is exact.
        return Date(timeIntervalSince1970: ((seconds + fraction) * 1000).rounded() / 1000)
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian, after H. Hinnant's algorithms)

    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

import Foundation

/// Where a batch stands: tests done, failed and left, and an estimate of the time left from the
/// mean time per finished test.
///
/// ```swift
/// let progress = BatchProgress(total: 10, done: 4, failed: 1, errors: 0, elapsed: 20)
/// progress.remaining        // 6
/// progress.etaSeconds       // 30
/// ```
public struct BatchProgress: Sendable, Hashable {
    public var total: Int
    /// Finished tests, whatever their verdict.
    public var done: Int
    /// Finished with a `failed` verdict.
    public var failed: Int
    /// Finished with an `error` (crash, timeout, cancel).
    public var errors: Int
    /// Seconds since the batch started.
    public var elapsed: Double

    public init(total: Int, done: Int = 0, failed: Int = 0, errors: Int = 0, elapsed: Double = 0) {
        self.total = total
        self.done = done
        self.failed = failed
        self.errors = errors
        self.elapsed = elapsed
    }

    public var remaining: Int { max(total - done, 0) }

    /// Seconds left at the mean pace so far; `nil` before the first test finished.
    public var etaSeconds: Double? {
        guard done > 0 else { return nil }
        return elapsed / Double(done) * Double(remaining)
    }

    /// Counts one finished run in.
    public mutating func record(_ status: LiveRunStatus, elapsed: Double) {
        done += 1
        if status == .failed { failed += 1 }
        if status == .error { errors += 1 }
        self.elapsed = elapsed
    }

    /// `[12/110] done 12 · failed 3 · errors 0 · remaining 98 · ETA 1m20s`
    public var line: String {
        var text = "[\(done)/\(total)] done \(done) · failed \(failed) · errors \(errors) · remaining \(remaining)"
        if remaining > 0, let eta = etaSeconds { text += " · ETA \(Self.duration(eta))" }
        text += " · elapsed \(Self.duration(elapsed))"
        return text
    }

    /// `45s`, `1m20s`, `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m"
    }
}

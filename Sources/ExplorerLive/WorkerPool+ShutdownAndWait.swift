import Dispatch
import LiveTest

extension WorkerPool {
    /// Shuts the pool down from synchronous code (the explorer's exit paths), waiting at most `limit`.
    ///
    /// ```swift
    /// defer { pool.shutdownAndWait() }
    /// ```
    public nonisolated func shutdownAndWait(limit: Duration = .seconds(3)) {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await self.shutdown()
            done.signal()
        }
        let millis = Int(limit / .milliseconds(1))
        _ = done.wait(timeout: .now() + .milliseconds(millis))
    }
}

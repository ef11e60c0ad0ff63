/// What a run tells its viewer as it goes: set-up progress, the harness's events, stderr lines,
/// telemetry, and finally the recorded ``LiveRun``. The one event type from the engine to the
/// explorer's pane: ``RunTranscript`` folds it for both the recorder and the pane.
///
/// ```swift
/// for await update in run.updates {
///     if case .event(.token(_, let text)) = update { print(text, terminator: "") }
/// }
/// ```
public enum RunUpdate: Sendable, Hashable {
    /// A line from preparing the harness's Python environment (first run only).
    case setup(String)
    /// The harness process started, in its own process group (`pgid == pid`).
    case started(pid: Int32)
    case event(HarnessEvent)
    /// A line the harness wrote on stderr (kept too: the last 50 explain a crash).
    case stderr(String)
    case telemetry(TelemetrySample)
    /// No GPU telemetry for this run; shown once, never an error.
    case telemetryUnavailable(TelemetryUnavailable)
    /// The verdict; always the last update.
    case finished(LiveRun)
}

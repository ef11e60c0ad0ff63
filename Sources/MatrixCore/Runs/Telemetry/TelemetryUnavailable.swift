/// Why there is no GPU telemetry: a state to show, never an error.
///
/// ```swift
/// TelemetryUnavailable.noGPU(detail: "cannot load libnvidia-ml.so.1").message   // "no NVIDIA GPU (CPU run)"
/// ```
public struct TelemetryUnavailable: Error, Sendable, Hashable {
    /// What the pane shows.
    public var message: String
    /// What went wrong underneath, for logs.
    public var detail: String

    public static func noGPU(detail: String) -> TelemetryUnavailable {
        TelemetryUnavailable(message: "no NVIDIA GPU (CPU run)", detail: detail)
    }
}

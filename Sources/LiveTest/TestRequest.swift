import MatrixCore

/// What one live test runs. The value lives in MatrixCore (``TestRunRequest``) so the store can
/// persist it without importing the engine; this is its name inside the engine.
///
/// ```swift
/// let request = TestRequest(matrix: "params", row: "streaming=True", backend: "pytorch", timeout: 120)
/// ```
public typealias TestRequest = TestRunRequest

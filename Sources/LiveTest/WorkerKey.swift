import MatrixCore

/// What a warm worker is started with, so requests that share it can share the worker: the
/// backend, the model and the device. The matrix, row and column travel per request.
///
/// ```swift
/// WorkerKey(TestRunRequest(matrix: "params", row: "streaming=True", backend: "pytorch", device: "cpu"))
/// // WorkerKey(backend: "pytorch", model: nil, device: "cpu")
/// ```
public struct WorkerKey: Sendable, Hashable, CustomStringConvertible {
    public var backend: String
    public var model: String?
    public var device: String

    public init(backend: String, model: String? = nil, device: String = "auto") {
        self.backend = backend
        self.model = model
        self.device = device
    }

    public init(_ request: TestRunRequest) {
        self.init(backend: request.backend, model: request.model, device: request.device)
    }

    /// The harness's command line for a worker (after the Python executable).
    public var arguments: [String] {
        var arguments = ["-u", "-m", "harness", "serve", "--backend", backend, "--device", device]
        if let model { arguments += ["--model", model] }
        return arguments
    }

    public var description: String { "\(backend) on \(device)" + (model.map { " (\($0))" } ?? "") }
}

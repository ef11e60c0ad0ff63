/// Where a live run ran: the host, its CPU or GPU, the driver and the library versions.
///
/// The harness's `hello` event fills the versions; the engine adds the host and, where NVML
/// answers, the GPU name and driver.
///
/// ```swift
/// var env = LiveRunEnvironment(host: "lab-1", device: "cuda", gpuName: "NVIDIA H100 80GB HBM3")
/// env.versions["torch"]   // "2.11.0+cu128"
/// ```
public struct LiveRunEnvironment: Codable, Sendable, Hashable {
    public var host: String
    /// `cpu` or `cuda`, as the harness chose it.
    public var device: String?
    public var cpuName: String?
    public var gpuName: String?
    /// The NVIDIA driver version, from NVML.
    public var driver: String?
    /// The CUDA version torch was built with (hello's `cuda`), or the driver's when torch did not say.
    public var cuda: String?
    /// The harness's version string.
    public var harness: String?
    /// Library versions from hello's `versions` object: `python`, `torch`, `transformers`, …
    public var versions: [String: String]
    /// The Ray node a batch on a cluster ran it on (`192.0.2.7 18b31c62…`: address and node id);
    /// `nil` for runs on this machine's own workers (docs/ray.md).
    public var node: String?
    /// The GPU ids Ray gave the run's actor on that node (`0`, `1`; several joined by commas).
    public var gpuIndex: String?

    public init(host: String, device: String? = nil, cpuName: String? = nil, gpuName: String? = nil,
                driver: String? = nil, cuda: String? = nil, harness: String? = nil,
                versions: [String: String] = [:], node: String? = nil, gpuIndex: String? = nil) {
        self.host = host
        self.device = device
        self.cpuName = cpuName
        self.gpuName = gpuName
        self.driver = driver
        self.cuda = cuda
        self.harness = harness
        self.versions = versions
        self.node = node
        self.gpuIndex = gpuIndex
    }
}

/// What a verdict is true for: the backend, the engine's version, the device class and CUDA's
/// major version — or, for an imported document, the document itself.
///
/// Every live run maps to exactly one environment, derived from the fingerprint it records
/// (``LiveRunEnvironment``); the host is not part of it (two H200 hosts with the same versions are
/// one environment) and stays in the run's details. Every imported document is an environment of
/// its own: seed 000's backend columns are "document, GPU, 2026-02", the supported-models page is
/// "TensorRT-LLM document".
///
/// ```swift
/// let env = Environment(run: h100Run)
/// env.name          // "h100·torch 2.11"
/// env.deviceClass   // "H100"
/// ```
public struct Environment: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A document's claim or a live run's verdict.
    public enum Source: String, Sendable, Hashable, Codable { case document, live }

    public var source: Source
    /// `pytorch`, `vllm`, `tensorrt`; `nil` for a document whose columns are backends (each
    /// column's claim belongs to that column's backend).
    public var backend: String?
    /// The engine's packages and versions, in the order ``enginePackages`` names them:
    /// `[("torch", "2.11.0"), ("transformers", "5.17.0")]`. Empty for a document.
    public var engine: [EngineVersion]
    /// `H100`, `H200`, `RTX 4090`, `cpu`; a document's is what it says (`GPU`) or `nil`.
    public var deviceClass: String?
    /// CUDA's major version on a GPU (`13`), else `nil`.
    public var cudaMajor: String?
    /// A document's label (`document, GPU, 2026-02`); `nil` for live environments.
    public var documentLabel: String?

    public init(source: Source, backend: String?, engine: [EngineVersion] = [], deviceClass: String?,
                cudaMajor: String? = nil, documentLabel: String? = nil) {
        self.source = source
        self.backend = backend
        self.engine = engine
        self.deviceClass = deviceClass
        self.cudaMajor = cudaMajor
        self.documentLabel = documentLabel
    }

    public var isDocument: Bool { source == .document }

    // MARK: - Engines

    /// One package of an engine and its version (a local build suffix such as `+cu128` dropped).
    public struct EngineVersion: Sendable, Hashable, Codable {
        public var package: String
        public var version: String
        public init(package: String, version: String) {
            self.package = package
            self.version = version
        }
    }

    /// The packages whose versions make a backend's engine version, most significant first.
    /// `torch` + `transformers` for PyTorch; vLLM's and TensorRT-LLM's own package otherwise.
    public static let enginePackages: [String: [String]] = [
        "pytorch": ["torch", "transformers"],
        "vllm": ["vllm"],
        "tensorrt": ["tensorrt_llm"],
    ]

    /// The short name of a package in environment names: `torch`, `vllm`, `trtllm`, `tf`.
    static let packageNicknames: [String: String] = ["tensorrt_llm": "trtllm", "transformers": "tf"]

    // MARK: - Derivation

    /// The environment a live run ran in, from its fingerprint.
    public init(run: LiveRun) {
        self.init(backend: run.request.backend, fingerprint: run.environment, requestedDevice: run.request.device)
    }

    /// The environment of a fingerprint for `backend`.
    public init(backend: String, fingerprint: LiveRunEnvironment, requestedDevice: String = "auto") {
        let packages = Self.enginePackages[backend] ?? [backend]
        engine = packages.compactMap { package in
            fingerprint.versions[package].map { EngineVersion(package: package, version: Self.releaseVersion($0)) }
        }
        let gpu = fingerprint.device == "cpu" ? nil : fingerprint.gpuName
        deviceClass = gpu.map(Self.gpuClass) ?? "cpu"
        cudaMajor = gpu == nil ? nil : fingerprint.cuda.flatMap { $0.split(separator: ".").first.map(String.init) }
        source = .live
        self.backend = backend
        documentLabel = nil
    }

    /// `NVIDIA H100 80GB HBM3` → `H100`, `NVIDIA GeForce RTX 4090` → `RTX 4090`: the chip, not the
    /// board (memory size and type stop the name).
    public static func gpuClass(_ name: String) -> String {
        var words = name.split(separator: " ").map(String.init)
        while let first = words.first, ["NVIDIA", "GeForce", "Tesla"].contains(first), words.count > 1 { words.removeFirst() }
        if let memory = words.firstIndex(where: { $0.hasSuffix("GB") && $0.first?.isNumber == true }), memory > 0 {
            words = Array(words[..<memory])
        }
        return words.joined(separator: " ")
    }

    /// `2.11.0+cu128` → `2.11.0`.
    static func releaseVersion(_ text: String) -> String {
        String(text.split(separator: "+", maxSplits: 1).first ?? Substring(text))
    }

    // MARK: - Documents

    /// The environment of an imported matrix's claims.
    ///
    /// A parameter matrix (seed 000) is one document for all its backend columns, measured on a
    /// GPU; its date comes from the preamble's `Last updated: 2026-02-04`. The supported-models
    /// page's feature claims are TensorRT-LLM's.
    public static func document(kind: MatrixKind, preamble: String?) -> Environment {
        switch kind {
        case .parameters:
            let date = preamble.flatMap(Self.lastUpdatedMonth)
            return Environment(source: .document, backend: nil, deviceClass: "GPU",
                               documentLabel: "document, GPU" + (date.map { ", \($0)" } ?? ""))
        case .features, .models:
            return Environment(source: .document, backend: featureDocumentBackend, deviceClass: nil,
                               documentLabel: "TensorRT-LLM document")
        }
    }

    /// Whose claims the supported-models page states: TensorRT-LLM's.
    public static let featureDocumentBackend = "tensorrt"

    /// `Last updated: 2026-02-04 14:04` → `2026-02`.
    static func lastUpdatedMonth(_ text: String) -> String? {
        guard let range = text.range(of: "Last updated:") else { return nil }
        let rest = text[range.upperBound...].drop { $0 == " " }
        let month = rest.prefix(7)
        return month.count == 7 && month.allSatisfy({ $0.isNumber || $0 == "-" }) ? String(month) : nil
    }

    // MARK: - Identity and order

    /// A stable identity for files and JSON: `live|pytorch|H100|cuda13|torch=2.11.0,transformers=5.17.0`,
    /// `document|document, GPU, 2026-02`.
    public var key: String {
        switch source {
        case .document: return "document|" + (documentLabel ?? "")
        case .live:
            return ["live", backend ?? "", deviceClass ?? "", cudaMajor.map { "cuda\($0)" } ?? "",
                    engine.map { "\($0.package)=\($0.version)" }.joined(separator: ",")].joined(separator: "|")
        }
    }

    public var description: String { name }

    /// Documents first, then by backend, device class and engine version (oldest first).
    public static func < (lhs: Environment, rhs: Environment) -> Bool {
        if lhs.isDocument != rhs.isDocument { return lhs.isDocument }
        if lhs.backend != rhs.backend { return (lhs.backend ?? "") < (rhs.backend ?? "") }
        if lhs.deviceClass != rhs.deviceClass { return (lhs.deviceClass ?? "") < (rhs.deviceClass ?? "") }
        let order = Self.compareEngines(lhs.engine, rhs.engine)
        if order != 0 { return order < 0 }
        return lhs.key < rhs.key
    }

    /// Compares engine versions package by package, numerically (`0.9` < `0.26`): -1, 0 or 1.
    public static func compareEngines(_ lhs: [EngineVersion], _ rhs: [EngineVersion]) -> Int {
        for (left, right) in zip(lhs, rhs) {
            let order = compareVersions(left.version, right.version)
            if order != 0 { return order }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }

    static func compareVersions(_ lhs: String, _ rhs: String) -> Int {
        let left = lhs.split(separator: "."), right = rhs.split(separator: ".")
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? String(left[index]) : "0", b = index < right.count ? String(right[index]) : "0"
            if let x = Int(a), let y = Int(b) {
                if x != y { return x < y ? -1 : 1 }
            } else if a != b {
                return a < b ? -1 : 1
            }
        }
        return 0
    }
}

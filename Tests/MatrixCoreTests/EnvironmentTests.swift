import Foundation
import Testing
@testable import MatrixCore

/// Environments from fingerprints and documents, their names, and how names are looked up.
@Suite("Environments")
struct EnvironmentTests {
    static let h100 = LiveRunEnvironment(host: "vm", device: "cuda", cpuName: "Intel(R) Xeon(R) Processor",
                                         gpuName: "NVIDIA H100 80GB HBM3", driver: "580.159.04", cuda: "13.0",
                                         versions: ["torch": "2.11.0", "transformers": "5.17.0", "python": "3.12.3"])
    static let cpuVllm = LiveRunEnvironment(host: "ci-7", device: "cpu", cpuName: "AMD EPYC",
                                            versions: ["vllm": "0.32.0", "torch": "2.9.0+cpu", "python": "3.12.3"])

    @Test("a run's environment comes from its fingerprint: backend, engine versions, device class, CUDA major")
    func derivation() {
        let gpu = Environment(backend: "pytorch", fingerprint: Self.h100)
        #expect(gpu.name == "h100·torch 2.11")
        #expect(gpu.deviceClass == "H100" && gpu.cudaMajor == "13")
        #expect(gpu.engine == [.init(package: "torch", version: "2.11.0"), .init(package: "transformers", version: "5.17.0")])
        let cpu = Environment(backend: "vllm", fingerprint: Self.cpuVllm)
        #expect(cpu.name == "cpu·vllm 0.32")
        #expect(cpu.cudaMajor == nil && cpu.engine == [.init(package: "vllm", version: "0.32.0")])
        #expect(cpu.summary == "vllm (vllm 0.32.0) on CPU")
    }

    @Test("the host is not part of an environment; a build suffix is not part of the version")
    func hostIgnored() {
        var other = Self.h100
        other.host = "lab-2"
        other.driver = "570.1"
        other.versions["torch"] = "2.11.0+cu128"
        #expect(Environment(backend: "pytorch", fingerprint: other) == Environment(backend: "pytorch", fingerprint: Self.h100))
        other.gpuName = "NVIDIA H200"
        #expect(Environment(backend: "pytorch", fingerprint: other).name == "h200·torch 2.11")
    }

    @Test("each document is an environment: seed 000 is a GPU document of 2026-02, the page is TensorRT-LLM's")
    func documents() {
        let params = Environment.document(kind: .parameters, preamble: "# Parameter Support Matrix\n\n> Last updated: 2026-02-04 14:04\n")
        #expect(params.documentLabel == "document, GPU, 2026-02")
        #expect(params.name == "doc" && params.isDocument && params.backend == nil)
        let page = Environment.document(kind: .features, preamble: nil)
        #expect(page.documentLabel == "TensorRT-LLM document" && page.backend == "tensorrt")
    }

    @Test("names collide only when they must: CUDA major, then full versions tell them apart")
    func disambiguation() {
        var cuda12 = Self.h100
        cuda12.cuda = "12.8"
        var newerTransformers = Self.h100
        newerTransformers.versions["transformers"] = "5.18.0"
        let a = Environment(backend: "pytorch", fingerprint: Self.h100)
        let b = Environment(backend: "pytorch", fingerprint: cuda12)
        let c = Environment(backend: "pytorch", fingerprint: newerTransformers)
        let index = EnvironmentIndex([a, b, c])
        #expect(index.name(of: b) == "h100·torch 2.11·cuda 12")
        #expect(index.name(of: a) == "h100·torch 2.11.0·tf 5.17.0·cuda 13")
        #expect(index.name(of: c) == "h100·torch 2.11.0·tf 5.18.0·cuda 13")
        #expect(Set(index.names.values).count == 3)
    }

    @Test("lookup takes names typed with - for · and space, aliases and keys; an unknown name lists the known ones")
    func lookup() throws {
        let gpu = Environment(backend: "pytorch", fingerprint: Self.h100)
        let cpu = Environment(backend: "vllm", fingerprint: Self.cpuVllm)
        let doc = Environment.document(kind: .parameters, preamble: nil)
        let index = EnvironmentIndex([cpu, gpu, doc], aliases: ["lab": "h100·torch 2.11"])
        #expect(index.environments.first == doc)
        #expect(try index.lookup("H100-torch-2.11") == gpu)
        #expect(try index.lookup("cpu·vllm 0.32") == cpu)
        #expect(try index.lookup("lab") == gpu)
        #expect(try index.lookup("doc") == doc)
        #expect(try index.lookup(gpu.key) == gpu)
        #expect(throws: EnvironmentError(name: "h200-vllm-0.33", known: ["doc", "h100·torch 2.11", "cpu·vllm 0.32", "lab"])) {
            try index.lookup("h200-vllm-0.33")
        }
        #expect(EnvironmentError(name: "x", known: ["doc"]).description == "unknown environment \"x\" (known: doc)")
    }

    @Test("engine versions compare numerically")
    func versionOrder() {
        #expect(Environment.compareVersions("0.9.2", "0.26.0") == -1)
        #expect(Environment.compareVersions("0.32", "0.32.0") == 0)
        #expect(Environment.compareEngines([.init(package: "vllm", version: "0.33.0")], [.init(package: "vllm", version: "0.32.1")]) == 1)
    }
}

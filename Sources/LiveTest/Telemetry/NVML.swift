import MatrixCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// NVIDIA's management library, loaded at run time with `dlopen` so the program runs (and links)
/// on machines without a GPU.
///
/// ```swift
/// switch NVML.open() {
/// case .success(let nvml): print(nvml.devices().map(\.name))
/// case .failure(let why): print(why.message)          // "no NVIDIA GPU (CPU run)"
/// }
/// ```
///
/// NVML is thread-safe; one instance is shared by the sampler and the caller. It calls
/// `nvmlShutdown` when released.
public final class NVML: @unchecked Sendable {
    /// The soname the NVIDIA driver installs.
    public static let defaultLibrary = "libnvidia-ml.so.1"

    // MARK: - C signatures (nvml.h)

    typealias Device = UnsafeMutableRawPointer
    private typealias InitFn = @convention(c) () -> Int32
    private typealias CountFn = @convention(c) (UnsafeMutablePointer<UInt32>) -> Int32
    private typealias HandleFn = @convention(c) (UInt32, UnsafeMutablePointer<Device?>) -> Int32
    private typealias NameFn = @convention(c) (Device, UnsafeMutablePointer<CChar>, UInt32) -> Int32
    private typealias StructFn = @convention(c) (Device, UnsafeMutableRawPointer) -> Int32
    private typealias UInt32Fn = @convention(c) (Device, UnsafeMutablePointer<UInt32>) -> Int32
    private typealias TemperatureFn = @convention(c) (Device, Int32, UnsafeMutablePointer<UInt32>) -> Int32
    private typealias UInt64Fn = @convention(c) (Device, UnsafeMutablePointer<UInt64>) -> Int32
    private typealias SystemStringFn = @convention(c) (UnsafeMutablePointer<CChar>, UInt32) -> Int32
    private typealias SystemIntFn = @convention(c) (UnsafeMutablePointer<Int32>) -> Int32

    private let handle: UnsafeMutableRawPointer
    private let shutdownFn: InitFn
    private let countFn: CountFn
    private let handleFn: HandleFn
    private let nameFn: NameFn
    private let memoryFn: StructFn
    private let utilizationFn: StructFn
    private let powerFn: UInt32Fn?
    private let temperatureFn: TemperatureFn?
    private let energyFn: UInt64Fn?
    private let driverFn: SystemStringFn?
    private let cudaFn: SystemIntFn?

    // MARK: - Opening

    /// Loads and initialises NVML; any failure is a ``TelemetryUnavailable``, never a crash.
    public static func open(library: String = defaultLibrary) -> Result<NVML, TelemetryUnavailable> {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            return .failure(.noGPU(detail: "cannot load \(library)"))
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        guard let initFn = symbol("nvmlInit_v2", as: InitFn.self),
              let shutdownFn = symbol("nvmlShutdown", as: InitFn.self),
              let countFn = symbol("nvmlDeviceGetCount_v2", as: CountFn.self),
              let handleFn = symbol("nvmlDeviceGetHandleByIndex_v2", as: HandleFn.self),
              let nameFn = symbol("nvmlDeviceGetName", as: NameFn.self),
              let memoryFn = symbol("nvmlDeviceGetMemoryInfo", as: StructFn.self),
              let utilizationFn = symbol("nvmlDeviceGetUtilizationRates", as: StructFn.self) else {
            dlclose(handle)
            return .failure(.noGPU(detail: "\(library) lacks the NVML entry points"))
        }
        let status = initFn()
        guard status == 0 else {
            dlclose(handle)
            return .failure(.noGPU(detail: "nvmlInit_v2 returned \(status)"))
        }
        let nvml = NVML(
            handle: handle, shutdownFn: shutdownFn, countFn: countFn, handleFn: handleFn, nameFn: nameFn,
            memoryFn: memoryFn, utilizationFn: utilizationFn,
            powerFn: symbol("nvmlDeviceGetPowerUsage", as: UInt32Fn.self),
            temperatureFn: symbol("nvmlDeviceGetTemperature", as: TemperatureFn.self),
            energyFn: symbol("nvmlDeviceGetTotalEnergyConsumption", as: UInt64Fn.self),
            driverFn: symbol("nvmlSystemGetDriverVersion", as: SystemStringFn.self),
            cudaFn: symbol("nvmlSystemGetCudaDriverVersion_v2", as: SystemIntFn.self))
        guard nvml.deviceCount > 0 else { return .failure(.noGPU(detail: "NVML sees no device")) }
        return .success(nvml)
    }

    private init(handle: UnsafeMutableRawPointer, shutdownFn: InitFn, countFn: CountFn, handleFn: HandleFn,
                 nameFn: NameFn, memoryFn: StructFn, utilizationFn: StructFn, powerFn: UInt32Fn?,
                 temperatureFn: TemperatureFn?, energyFn: UInt64Fn?, driverFn: SystemStringFn?,
                 cudaFn: SystemIntFn?) {
        self.handle = handle
        self.shutdownFn = shutdownFn
        self.countFn = countFn
        self.handleFn = handleFn
        self.nameFn = nameFn
        self.memoryFn = memoryFn
        self.utilizationFn = utilizationFn
        self.powerFn = powerFn
        self.temperatureFn = temperatureFn
        self.energyFn = energyFn
        self.driverFn = driverFn
        self.cudaFn = cudaFn
    }

    deinit {
        _ = shutdownFn()
        dlclose(handle)
    }

    // MARK: - System

    /// The driver version (`"570.124.06"`), or `nil`.
    public var driverVersion: String? {
        guard let driverFn else { return nil }
        return Self.string(capacity: 96) { driverFn($0, $1) }
    }

    /// The highest CUDA version the driver supports (`"12.8"`), or `nil`.
    public var cudaDriverVersion: String? {
        var version: Int32 = 0
        guard let cudaFn, cudaFn(&version) == 0 else { return nil }
        return "\(version / 1000).\((version % 1000) / 10)"
    }

    public var deviceCount: Int {
        var count: UInt32 = 0
        return countFn(&count) == 0 ? Int(count) : 0
    }

    // MARK: - Devices

    /// Reads every device once. Figures a device does not report are `nil`.
    public func devices() -> [GPUReading] {
        let all = Array(0..<deviceCount)
        return (Self.visibleIndices(ProcessInfo.processInfo.environment["CUDA_VISIBLE_DEVICES"]) ?? all)
            .filter(all.contains).compactMap(reading(index:))
    }

    /// The GPUs a run confined by `CUDA_VISIBLE_DEVICES` uses, so its energy is theirs alone:
    /// `"1"` → `[1]`, `"0,1"` → `[0, 1]`; unset, empty or not plain numbers (UUIDs) → `nil`, every GPU.
    /// NVML numbers GPUs in PCI bus order, as CUDA does with `CUDA_DEVICE_ORDER=PCI_BUS_ID`.
    public static func visibleIndices(_ value: String?) -> [Int]? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let indices = value.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard indices.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        return indices.compactMap { $0 }
    }

    /// Reads one device.
    public func reading(index: Int) -> GPUReading? {
        var device: Device?
        guard handleFn(UInt32(index), &device) == 0, let device else { return nil }
        var reading = GPUReading(index: index, name: Self.string(capacity: 96) { nameFn(device, $0, $1) } ?? "GPU \(index)")
        var memory: (UInt64, UInt64, UInt64) = (0, 0, 0)   // nvmlMemory_t: total, free, used
        if withUnsafeMutableBytes(of: &memory, { memoryFn(device, $0.baseAddress!) }) == 0 {
            reading.memoryTotalBytes = memory.0
            reading.memoryUsedBytes = memory.2
        }
        var utilization: (UInt32, UInt32) = (0, 0)          // nvmlUtilization_t: gpu, memory (%)
        if withUnsafeMutableBytes(of: &utilization, { utilizationFn(device, $0.baseAddress!) }) == 0 {
            reading.utilizationPercent = utilization.0
            reading.memoryUtilizationPercent = utilization.1
        }
        var milliwatts: UInt32 = 0
        if let powerFn, powerFn(device, &milliwatts) == 0 { reading.powerWatts = Double(milliwatts) / 1000 }
        var celsius: UInt32 = 0
        if let temperatureFn, temperatureFn(device, 0, &celsius) == 0 { reading.temperatureC = celsius }
        var millijoules: UInt64 = 0
        if let energyFn, energyFn(device, &millijoules) == 0 { reading.energyMillijoules = millijoules }
        return reading
    }

    private static func string(capacity: Int, _ body: (UnsafeMutablePointer<CChar>, UInt32) -> Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: capacity)
        let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, UInt32(capacity)) }
        guard status == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

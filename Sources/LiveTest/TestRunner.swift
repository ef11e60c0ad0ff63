import Foundation
import MatrixCore
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Runs live tests: spawns `python -m harness run …` in its own process group, streams its events,
/// samples the GPU, enforces the time limit and turns however it ended into a ``LiveRun``.
///
/// ```swift
/// let runner = TestRunner()
/// let verdict = await runner.start(TestRunRequest(matrix: "params", row: "fp_precision=float8", backend: "pytorch")).result
/// verdict.status   // .failed
/// ```
public struct TestRunner: Sendable {
    /// The process environment the harness is located and run with.
    public var variables: [String: String]
    /// Makes the sampler of each run; the default opens NVML.
    public var makeSampler: @Sendable () -> TelemetrySampler
    /// The board's idle power before the runs, for their energy above idle.
    public let idle = IdleBaseline()

    public init(variables: [String: String] = ProcessInfo.processInfo.environment,
                makeSampler: @escaping @Sendable () -> TelemetrySampler = { TelemetrySampler() }) {
        self.variables = variables
        self.makeSampler = makeSampler
    }

    /// The harness's command line for a request (after the Python executable).
    public static func arguments(for request: TestRunRequest) -> [String] {
        var arguments = ["-u", "-m", "harness", "run", "--matrix", request.matrix, "--row", request.row,
                         "--backend", request.backend, "--device", request.device]
        if let column = request.column { arguments += ["--column", column] }
        if let model = request.model { arguments += ["--model", model] }
        return arguments
    }

    // MARK: - Running

    /// Starts a run at once and returns its handle; the work goes on in a task of its own.
    /// The harness is a one-shot `python -m harness run …` process.
    public func start(_ request: TestRunRequest) -> LiveTestRun {
        let runner = self
        return start(request) { run, environment in await runner.spawn(run, environment: environment) }
    }

    /// Starts a run on a warm worker of `pool` (`python -m harness serve`, one per backend, model
    /// and device): a second test of the same backend skips Python's imports and the model load.
    ///
    /// ```swift
    /// let pool = WorkerPool(runner: TestRunner())
    /// let verdict = await runner.start(request, on: pool).result
    /// ```
    public func start(_ request: TestRunRequest, on pool: WorkerPool) -> LiveTestRun {
        start(request) { run, environment in await pool.perform(run, environment: environment) }
    }

    /// Starts a run on a Ray cluster's actor through `driver` (docs/ray.md).
    public func start(_ request: TestRunRequest, on driver: RayDriver) -> LiveTestRun {
        start(request) { run, environment in await driver.perform(run, environment: environment) }
    }

    /// Starts a run on `executor`: the local pool's warm workers or a Ray cluster.
    public func start(_ request: TestRunRequest, on executor: BatchExecutor) -> LiveTestRun {
        switch executor {
        case .pool(let pool): start(request, on: pool)
        case .ray(let driver): start(request, on: driver)
        }
    }

    /// How a prepared run reaches a harness and how that harness ended.
    typealias Transport = @Sendable (LiveTestRun, HarnessEnvironment) async -> RunTermination

    private func start(_ request: TestRunRequest, transport: @escaping Transport) -> LiveTestRun {
        let run = LiveTestRun(request: request, machine: HostMachine.current)
        let runner = self
        run.attach(Task.detached {
            let verdict = await withTaskCancellationHandler {
                await runner.execute(run, transport: transport)
            } onCancel: {
                run.cancel()
            }
            run.continuation.yield(.finished(verdict))
            run.continuation.finish()
            return verdict
        })
        return run
    }

    private func execute(_ run: LiveTestRun, transport: Transport) async -> LiveRun {
        let continuation = run.continuation

        // The harness's Python, prepared on first need with its progress shown.
        let environment: HarnessEnvironment
        do {
            environment = try await HarnessEnvironment.prepare(
                variables: variables, backend: run.request.backend, onSpawn: { run.settingUp(pid: $0) }) { continuation.yield(.setup($0)) }
            run.settingUp(pid: nil)
        } catch {
            run.settingUp(pid: nil)
            if run.control.withLock({ $0.killedBy }) != nil {
                return run.recorder.withLock { $0.finish(.cancelled, endedAt: Date()) }
            }
            let why = (error as? LiveTestError)?.description ?? "\(error)"
            return run.recorder.withLock { $0.finish(.failedToStart(why), endedAt: Date()) }
        }
        if run.control.withLock({ $0.killedBy }) != nil {
            return run.recorder.withLock { $0.finish(.cancelled, endedAt: Date()) }
        }

        run.recorder.withLock { $0.begin(at: Date()) }

        // Telemetry: samples as updates, or one "unavailable" line.
        let sampler = makeSampler()
        run.recorder.withLock {
            $0.recordMachine(cpuName: nil, gpuName: sampler.gpuName,
                             driver: sampler.driverVersion, cudaDriver: sampler.cudaDriverVersion)
        }
        if let unavailable = sampler.unavailable {
            continuation.yield(.telemetryUnavailable(unavailable))
        } else {
            let idleWatts = await idle.enter(sampler)
            sampler.start(idleWatts: idleWatts) { continuation.yield(.telemetry($0)) }
        }
        defer { if sampler.unavailable == nil { idle.leave() } }

        // The time limit.
        let timeout = run.request.timeout
        let timer = Task.detached {
            try? await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
            if !Task.isCancelled { run.kill(because: .timedOut(seconds: timeout)) }
        }
        defer { timer.cancel() }

        let termination = await transport(run, environment)
        let summary = await sampler.stop()
        run.control.withLock { $0.finished = true }
        return run.recorder.withLock { $0.finish(termination, endedAt: Date(), telemetry: summary) }
    }

    /// Spawns the harness and reads it until it is gone; returns how it ended.
    private func spawn(_ run: LiveTestRun, environment: HarnessEnvironment) async -> RunTermination {
        let continuation = run.continuation
        let (noRequests, requests) = AsyncStream.makeStream(of: String.self)
        requests.finish()                   // `run` reads no stdin
        let termination = await LineProcess.run(
            arguments: Self.arguments(for: run.request), environment: environment, variables: variables,
            requests: noRequests, started: { run.started(pid: $0) },
            stdout: { line in
                let event = HarnessEvent(line: line)
                run.recorder.withLock { $0.record(event) }
                continuation.yield(.event(event))
            },
            stderr: { line in
                run.recorder.withLock { $0.recordStderr(line) }
                continuation.yield(.stderr(line))
            })
        if case .failedToStart = termination { return termination }
        return run.control.withLock { $0.killedBy } ?? termination
    }
}

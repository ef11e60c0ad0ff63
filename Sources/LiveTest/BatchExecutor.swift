/// Where a batch's tests run: this machine's pool of warm workers (the default), or a Ray
/// cluster's actors through one driver process (`--ray`, docs/ray.md). ``BatchRun`` takes either;
/// the runs, their events and their records are the same.
///
/// ```swift
/// let executor = BatchExecutor.ray(try await RayDriver.connect(address: "local", runner: runner))
/// let batch = BatchRun.start(cells: cells, runner: runner, executor: executor, jobs: executor.jobs(device: "cpu", default: 1))
/// ```
public enum BatchExecutor: Sendable {
    case pool(WorkerPool)
    case ray(RayDriver)

    /// Tests at once: the pool's `jobs`; on Ray, as many as the cluster's actors for `device`.
    public func jobs(device: String, default jobs: Int) -> Int {
        switch self {
        case .pool: jobs
        case .ray(let driver): max(1, driver.cluster.slots(device: device))
        }
    }

    /// Workers (or actors) that served the batch.
    public var workersStarted: Int {
        get async {
            switch self {
            case .pool(let pool): await pool.started
            case .ray(let driver): driver.actorsSeen
            }
        }
    }

    /// Stops every worker (or actor, and the driver).
    public func shutdown() async {
        switch self {
        case .pool(let pool): await pool.shutdown()
        case .ray(let driver): await driver.shutdown()
        }
    }

    /// For the status bar and the batch's first line: `local pool` or `Ray at ADDRESS`.
    public var label: String {
        switch self {
        case .pool: "local pool"
        case .ray(let driver): "Ray at \(driver.cluster.address) (\(driver.cluster.nodes) nodes)"
        }
    }
}

import Foundation
import MatrixCore
import Testing
@testable import LiveTest
#if canImport(Glibc)
import Glibc
#endif

/// Warm workers against the real harness (`python -m harness serve`), CPU only.
@Suite("Warm workers of the real harness", .serialized)
struct WorkerPoolTests {
    static func runner(hook: String? = nil) -> TestRunner { HarnessFixture.runner(hook: hook) }

    /// The harness fixture's runner and a pool of warm workers on it.
    static func pool() -> (TestRunner, WorkerPool) {
        let runner = Self.runner()
        return (runner, WorkerPool(runner: runner))
    }

    /// Runs one test on the pool; returns its verdict, its pid and the seconds to its first token.
    static func test(_ row: String, on pool: WorkerPool, runner: TestRunner, timeout: Double = 300,
                     cancelAfterHello: Bool = false) async -> (run: LiveRun, pid: Int32?, firstToken: Double?) {
        let clock = ContinuousClock()
        let start = clock.now
        let run = runner.start(HarnessFixture.request(row, timeout: timeout), on: pool)
        var pid: Int32?
        var firstToken: Double?
        for await update in run.updates {
            switch update {
            case .started(let started): pid = started
            case .event(.token) where firstToken == nil:
                let elapsed = clock.now - start
                firstToken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            case .event(.hello) where cancelAfterHello: run.cancel()
            default: break
            }
        }
        return (await run.result, pid, firstToken)
    }

    /// Reuse is asserted by its evidence (same process, one start, the model not loaded again),
    /// not by a clock: the ≤ 1.5 s warm first token is measured by scripts/bench-warm.py.
    @Test("a second test of the same backend reuses the worker and its loaded model")
    func warmSecondTest() async throws {
        let (runner, pool) = Self.pool()
        let first = await Self.test("decoder.do_sample=True", on: pool, runner: runner)
        let second = await Self.test("decoder.top_k=50", on: pool, runner: runner)
        await pool.shutdown()
        #expect(first.run.status == .passed, "\(first.run.reason)")
        #expect(second.run.status == .passed, "\(second.run.reason)")
        #expect(first.pid != nil && first.pid == second.pid)
        #expect(await pool.started == 1)
        #expect(second.firstToken != nil, "no token event in the second test")
        #expect(second.run.environment.versions["torch"] != nil, "the warm worker's hello is recorded per test")
        #expect(second.run.log.contains { $0.contains("reusing the loaded model") })
        #expect(await ProcessGroup(id: try #require(first.pid)).vanishes(within: .seconds(1)))
    }

    @Test("a worker that dies mid-test gives an error with its stderr; the next test gets a fresh worker")
    func workerDies() async throws {
        let runner = Self.runner(hook: "exit:streaming=True")
        let pool = WorkerPool(runner: runner)
        let before = await Self.test("vllm.block_size=8", on: pool, runner: runner)
        let dying = await Self.test("streaming=True", on: pool, runner: runner)
        let after = await Self.test("decoder.do_sample=True", on: pool, runner: runner)
        await pool.shutdown()
        #expect(before.run.status == .skipped)
        #expect(dying.run.status == .error)
        #expect(dying.run.reason.hasPrefix("harness exited with status 3 without a result"), "\(dying.run.reason)")
        #expect(dying.run.reason.contains("test hook INFERMATRIX_HARNESS_HOOK: exiting (status 3) during streaming=True"))
        #expect(dying.pid == before.pid)
        #expect(after.run.status == .passed, "\(after.run.reason)")
        #expect(after.pid != nil && after.pid != dying.pid)
        #expect(await pool.started == 2)
    }

    @Test("a hung worker is killed by the test's time limit; the next test gets a fresh worker")
    func workerHangs() async throws {
        let runner = Self.runner(hook: "hang:streaming=True")
        let pool = WorkerPool(runner: runner)
        let warm = await Self.test("vllm.block_size=8", on: pool, runner: runner)
        let hung = await Self.test("streaming=True", on: pool, runner: runner, timeout: 3)
        let next = await Self.test("vllm.block_size=8", on: pool, runner: runner)
        await pool.shutdown()
        #expect(hung.run.status == .error)
        #expect(hung.run.reason.hasPrefix("timed out after 3 s"), "\(hung.run.reason)")
        #expect(await ProcessGroup(id: try #require(warm.pid)).vanishes(within: .seconds(1)))
        #expect(next.run.status == .skipped)
        #expect(next.pid != warm.pid)
    }

    @Test("cancelling a test on a warm worker kills that worker")
    func cancelKillsWorker() async throws {
        let (runner, pool) = Self.pool()
        let cancelled = await Self.test("decoder.beam_search.num_beams=4", on: pool, runner: runner, cancelAfterHello: true)
        #expect(cancelled.run.status == .error)
        #expect(cancelled.run.reason.hasPrefix("cancelled"), "\(cancelled.run.reason)")
        #expect(await ProcessGroup(id: try #require(cancelled.pid)).vanishes(within: .seconds(1)))
        #expect(await pool.processIDs.isEmpty)
        await pool.shutdown()
    }

    @Test("an idle worker closes after the idle time; shutdown refuses new tests")
    func idleClose() async throws {
        let runner = Self.runner()
        let pool = WorkerPool(runner: runner, idleTimeout: .seconds(1))
        let done = await Self.test("vllm.block_size=8", on: pool, runner: runner)
        let group = ProcessGroup(id: try #require(done.pid))
        #expect(!group.members().isEmpty)
        #expect(await group.vanishes(within: .seconds(4)), "still running: \(group.members())")
        #expect(await pool.processIDs.isEmpty)
        await pool.shutdown()
        let refused = await Self.test("vllm.block_size=8", on: pool, runner: runner)
        #expect(refused.run.status == .error)
        #expect(refused.run.reason.contains("shut down"))
    }

    @Test("an unknown parameter and an out-of-range value fail with their reasons; the worker serves on")
    func badRows() async throws {
        let (runner, pool) = Self.pool()
        let unknown = await Self.test("decoder.bogus_knob=3", on: pool, runner: runner)
        let range = await Self.test("decoder.temperature=-1.0", on: pool, runner: runner)
        let fine = await Self.test("decoder.do_sample=True", on: pool, runner: runner)
        await pool.shutdown()
        #expect(unknown.run.status == .failed)
        #expect(unknown.run.reason.hasPrefix("unknown parameter 'decoder.bogus_knob'"), "\(unknown.run.reason)")
        #expect(range.run.status == .failed)
        #expect(range.run.reason.contains("ValueError: `temperature` (=-1.0) has to be a strictly positive float"), "\(range.run.reason)")
        #expect(fine.run.status == .passed, "\(fine.run.reason)")
        #expect(unknown.pid == range.pid && range.pid == fine.pid)
        #expect(await pool.started == 1)
    }
}

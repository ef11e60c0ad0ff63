import Foundation
import MatrixCore
import Testing
@testable import LiveTest
#if canImport(Glibc)
import Glibc
#endif

/// These spawn the real harness (`python -m harness run …`) on the CPU: no fake process.
@Suite("Live runs of the real harness", .serialized)
struct HarnessRunTests {
    @Test("do_sample=True passes on the CPU, streaming events in order")
    func passingRun() async {
        let run = HarnessFixture.runner().start(HarnessFixture.request("decoder.do_sample=True"))
        var updates: [RunUpdate] = []
        for await update in run.updates { updates.append(update) }
        let verdict = await run.result
        #expect(verdict.status == .passed, "\(verdict.reason)\n\(verdict.log.suffix(20).joined(separator: "\n"))")
        guard case .event(.hello(let hello)) = updates.first(where: { if case .event = $0 { true } else { false } }) else {
            Issue.record("the first event is not hello"); return
        }
        #expect(hello.backend == "pytorch")
        #expect(!verdict.checks.isEmpty)
        #expect(verdict.checks.allSatisfy { $0.passed })
        #expect(verdict.environment.versions["torch"] != nil)
        if case .finished(let last) = updates.last { #expect(last == verdict) } else { Issue.record("finished is not last") }
        #expect(updates.contains { if case .telemetryUnavailable = $0 { true } else { false } })
    }

    @Test("fp_precision=float8 fails with the library's own error")
    func failingRun() async {
        let verdict = await HarnessFixture.runner().start(HarnessFixture.request("fp_precision=float8")).result
        #expect(verdict.status == .failed, "\(verdict.reason)")
        #expect(!verdict.reason.isEmpty)
    }

    @Test("cancelling after hello kills the whole process group within a second")
    func cancelledRun() async throws {
        // Hangs once the row starts (after hello): the cancel lands mid-run however loaded the machine.
        let run = HarnessFixture.runner(hook: "hang:decoder.beam_search.num_beams=4").start(HarnessFixture.request("decoder.beam_search.num_beams=4"))
        var cancelledAt: ContinuousClock.Instant?
        var pid: Int32?
        for await update in run.updates {
            if case .started(let started) = update { pid = started }
            if case .event(.hello) = update, cancelledAt == nil {
                cancelledAt = .now
                run.cancel()
            }
        }
        let verdict = await run.result
        let group = ProcessGroup(id: try #require(pid))
        let start = try #require(cancelledAt, "no hello event: \(verdict.reason)")
        #expect(await group.vanishes(within: .seconds(1) - (ContinuousClock.now - start)),
                "left in the group: \(group.members())")
        #expect(ContinuousClock.now - start < .seconds(1.5))
        #expect(verdict.status == .error)
        #expect(verdict.reason.hasPrefix("cancelled"))
    }

    @Test("a harness killed mid-run is an error carrying its last stderr lines")
    func crashedRun() async throws {
        let run = HarnessFixture.runner().start(HarnessFixture.request("decoder.beam_search.num_beams=4"))
        var pid: Int32?
        var stderr: [String] = []
        for await update in run.updates {
            switch update {
            case .started(let started): pid = started
            case .stderr(let line): stderr.append(line)
            case .event(.hello):
                if let pid { kill(pid, SIGKILL) }      // the harness only, not its group
            default: break
            }
        }
        let verdict = await run.result
        #expect(pid != nil)
        #expect(verdict.status == .error)
        #expect(verdict.reason.hasPrefix("harness killed by signal 9 (SIGKILL)"), "\(verdict.reason)")
        for line in stderr.suffix(LiveRunRecorder.stderrTailLines) { #expect(verdict.reason.contains(line)) }
        let group = ProcessGroup(id: try #require(pid))
        #expect(await group.vanishes(within: .seconds(1)), "left in the group: \(group.members().map { (try? String(contentsOfFile: "/proc/\($0)/stat", encoding: .utf8)) ?? "" })")
    }

    @Test("a run over its time limit is killed and reported as timed out")
    func timeout() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let run = HarnessFixture.runner().start(HarnessFixture.request("decoder.beam_search.num_beams=4", timeout: 1))
        var pid: Int32?
        for await update in run.updates { if case .started(let started) = update { pid = started } }
        let verdict = await run.result
        #expect(verdict.status == .error)
        #expect(verdict.reason.hasPrefix("timed out after 1 s"), "\(verdict.reason)")
        #expect(clock.now - start < .seconds(5))
        let group = ProcessGroup(id: try #require(pid))
        #expect(await group.vanishes(within: .seconds(1)), "left in the group: \(group.members().map { (try? String(contentsOfFile: "/proc/\($0)/stat", encoding: .utf8)) ?? "" })")
    }
}

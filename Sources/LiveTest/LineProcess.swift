import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A harness process that reads request lines on stdin and writes event lines on stdout, in a
/// process group of its own: a warm worker (``HarnessWorker``), the Ray driver (``RayDriver``), or
/// a one-shot `run` (``TestRunner``, whose `requests` end at once). It runs until it exits (a
/// server exits once its stdin is closed: the `requests` stream ended) or dies; what is left of
/// its group is then killed, so a backend's child never outlives it.
///
/// ```swift
/// let termination = await LineProcess.run(arguments: key.arguments, environment: env, variables: vars,
///                                         requests: lines, started: { pid in … }, stdout: route, stderr: keep)
/// ```
enum LineProcess {
    static func run(arguments: [String], environment: HarnessEnvironment, variables: [String: String],
                    requests: AsyncStream<String>, started: @escaping @Sendable (Int32) -> Void,
                    stdout: @escaping @Sendable (String) -> Void,
                    stderr: @escaping @Sendable (String) -> Void) async -> RunTermination {
        do {
            let result = try await Subprocess.run(
                .path(FilePath(environment.python)),
                arguments: Arguments(arguments),
                environment: HarnessEnvironment.processEnvironment(variables),
                workingDirectory: FilePath(environment.root),
                platformOptions: HarnessEnvironment.ownProcessGroup,    // led by the process
                input: .inputWriter, output: .sequence, error: .sequence
            ) { execution in
                let pid = execution.processIdentifier.value
                started(pid)
                let writer = execution.standardInputWriter
                await withTaskGroup(of: Bool.self) { group in
                    group.addTask {
                        await readEachLine(execution.standardOutput.strings(bufferingPolicy: .unbounded),
                                           what: "the harness's stdout", stdout, failure: stderr)
                    }
                    group.addTask {
                        await readEachLine(execution.standardError.strings(bufferingPolicy: .unbounded),
                                           what: "the harness's stderr", stderr, failure: stderr)
                    }
                    // Requests, one line each; the stream's end closes stdin (the process exits on EOF).
                    group.addTask {
                        for await line in requests {
                            do { _ = try await writer.write(line) } catch { break }
                        }
                        try? await writer.finish()
                        return false
                    }
                    // Children that outlive the process keep the pipes open: kill the rest of the group.
                    group.addTask { await ProcessGroup.killStragglersAfterLeader(pid); return false }
                    await group.finishAfterReaders(2)
                }
                return pid
            }
            ProcessGroup(id: result.closureResult).send(SIGKILL)
            return RunTermination(result.terminationStatus)
        } catch {
            return .failedToStart("cannot start \(environment.python): \(error)")
        }
    }
}

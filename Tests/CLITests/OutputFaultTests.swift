import Foundation
import MatrixStore
import Testing

/// Issue 14's output and input faults, each reproduced through the built binary: D1 (lone
/// surrogate), D2 (output targets that are not regular files), D3 (a warm worker gone before its
/// request), D4 (a time limit past the clock's integers), D5 (stdout that cannot be written).
@Suite("output targets and faults (D1-D5)")
struct OutputFaultTests {
    /// Runs `infermatrix args…` with its stdout redirected by the shell (`>/dev/full`, `>&-`).
    func redirected(_ cli: CLI, _ redirection: String, _ args: [String]) throws -> CLI.Result {
        try cli.run(args, prefix: ["/bin/sh", "-c", "exec \"$0\" \"$@\" \(redirection)"])
    }

    @Test("D5: list, show, diff, import and --help into /dev/full or a closed stdout exit 1 with a message",
          arguments: ["> /dev/full", ">&-"])
    func unwritableStdout(redirection: String) throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let results = try cli.write(vllmResultsJSON, to: "test_results_vllm.json")
        for args in [["list", "--db", db], ["list", "--db", db, "--format", "csv"],
                     ["show", "--db", db, "fp_precision=float16"], ["import", "--db", db, results],
                     ["diff", "--db", db], ["--help"], ["list", "--help"]] {
            let result = try redirected(cli, redirection, args)
            #expect(result.status == 1, "\(args) \(redirection): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("cannot write to standard output"), "\(args) \(redirection): \(result.stderr)")
        }
    }

    @Test("D5: a closed stdout never lets the database take its descriptor")
    func closedStdoutKeepsDatabase() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let before = try CLI.dump(db)
        _ = try redirected(cli, ">&-", ["list", "--db", db, "--format", "json"])
        #expect(try CLI.dump(db) == before)
        #expect(try cli.run(["db", "check", "--db", db]).status != 139)
    }

    @Test("D5: a reader that went away (list | true) ends quietly, as SIGPIPE would")
    func brokenPipe() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        // The reader (`true`) is gone before the list starts writing.
        let result = try cli.run([db], prefix: ["/bin/bash", "-c",
                                                "{ sleep 0.5; \"$0\" list --db \"$1\" --format csv; } | true; echo \"status ${PIPESTATUS[0]}\""])
        #expect(result.stdout == "status 141\n", "\(result.stdout)")
        #expect(!result.stderr.contains("error"), "\(result.stderr)")
    }

    @Test("D2: -o into a FIFO writes through it; the FIFO stays a FIFO")
    func fifo() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let fifo = cli.directory + "/out.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = try cli.run([db, fifo], prefix: ["/bin/bash", "-c",
                                                    "cat \"$2\" > \"$2.read\" & \"$0\" export --db \"$1\" '' --format csv -o \"$2\"; wait"])
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO became a regular file")
        let read = try String(contentsOfFile: fifo + ".read", encoding: .utf8)
        #expect(read.hasPrefix("Parameter,"), "\(read.prefix(80))")
    }

    @Test("D2: -o through a symlink writes the file it names; the link stays a link")
    func symlink() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let target = try cli.write("old\n", to: "target.csv")
        let link = cli.directory + "/link.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
        let result = try cli.run(["list", "--db", db, "--format", "csv", "-o", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.csv")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("Parameter,"))
    }

    @Test("D2: -o /dev/full is an error naming the file; the device node stays a device")
    func deviceFull() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let result = try cli.run(["export", "--db", db, "", "--format", "csv", "-o", "/dev/full"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/dev/full cannot be written") && result.stderr.contains("No space left on device"),
                "\(result.stderr)")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        let stdout = try cli.run(["export", "--db", db, "", "--format", "csv", "-o", "/dev/stdout"])
        #expect(stdout.status == 0 && stdout.stdout.hasPrefix("Parameter,"), "\(stdout.stderr)")
        let null = try cli.run(["export", "--db", db, "", "--format", "csv", "-o", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test("D4: --timeout inf, 1e308 or 9.3e15 is a usage error, not a trap", arguments: ["inf", "1e308", "9.3e15", "nan", "0"])
    func timeoutLimit(value: String) throws {
        let cli = try CLI()
        let result = try cli.run(["test", "--timeout", value, "--backend", "pytorch", "streaming=True", "--no-record"])
        #expect(result.status == 2, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("--timeout must be a positive, finite number of seconds"), "\(result.stderr)")
    }

    @Test("D1: a results file with a lone surrogate escape is imported or refused, never a crash")
    func loneSurrogate() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let file = try cli.write(#"{"backend":"vllm","results":"\uD800\u0041"}"#, to: "test_results_vllm.json")
        let result = try cli.run(["import", "--db", db, file])
        #expect(result.status == 1, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("test_results_vllm.json"), "\(result.stderr)")
    }

    @Test("D3: warm workers that exit before reading their request: every test is an error, the batch ends normally")
    func workerGoneBeforeRequest() throws {
        let (cli, db) = try CLI.withParamsDatabase()
        let result = try cli.run(["test", "--all", "section:decoder", "--matrix", "params", "--backend", "pytorch",
                                  "--db", db, "--results-dir", "out"], environment: ["INFERMATRIX_PYTHON": "/bin/true"])
        #expect(result.status == 1, "\(result.status)\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("summary: "), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: cli.directory + "/out/test_results_pytorch.json"))
        let runs = try MatrixDatabase(path: db).runs(matrix: "params", rows: nil, columns: nil)
        #expect(!runs.isEmpty && runs.allSatisfy { $0.status == .error }, "\(runs.map(\.reason))")
    }
}

// swift-tools-version: 6.2
// InferMatrix: a live compatibility-matrix explorer for LLM inference backends.
//
// Dependencies point down only:
//   infermatrix → Terminal / Explorer / LiveTest / MatrixStore → Screen / MatrixCore
import PackageDescription

let package = Package(
    name: "InferMatrix",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "infermatrix", targets: ["infermatrix"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        // Pure domain: model, statuses, query language, importers, exporters, diffs.
        // No database, no terminal, no processes. (swift-crypto: SHA-256 of imported documents.)
        // Files/OutputFile.swift is the one writer of files for the user (-o, exports, session, views).
        // The parameter catalogue (data/catalogue.json, through a symbolic link) is compiled in as
        // bytes: `Catalogue.bundled`.
        .target(name: "MatrixCore", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ], resources: [.embedInCode("Resources/catalogue.json")]),

        // SQLite storage (GRDB): schema, migrations, FTS5 over notes, imports, runs.
        .target(name: "MatrixStore", dependencies: [
            "MatrixCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // The live-test engine: spawns the Python harness, reads its event stream, NVML telemetry.
        .target(name: "LiveTest", dependencies: [
            "MatrixCore",
            .product(name: "Subprocess", package: "swift-subprocess"),
        ]),

        // An in-memory screen buffer, styles, themes and display-width measurement. No ncurses.
        .target(name: "Screen"),

        // The explorer's state, actions, reducer, keymap and rendering into a ScreenBuffer. No ncurses.
        .target(name: "Explorer", dependencies: ["MatrixCore", "Screen"]),

        // Runs a live test for the explorer: the engine's updates become explorer actions.
        .target(name: "ExplorerLive", dependencies: ["Explorer", "LiveTest", "MatrixCore"]),

        // ncurses wide-character API, through a shim header.
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),

        // The thin ncurses adapter: copies a ScreenBuffer out, decodes keys and mouse, handles signals.
        .target(name: "Terminal", dependencies: ["Screen", "CNcurses"]),

        // The executable: subcommands only translate arguments into calls on the modules above.
        .executableTarget(name: "infermatrix", dependencies: [
            "MatrixCore", "MatrixStore", "LiveTest", "Screen", "Explorer", "ExplorerLive", "Terminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks that print figures (speed and memory targets are checked here, not in tests).
        .executableTarget(name: "matrix-bench", dependencies: [
            "MatrixCore", "MatrixStore", "Screen", "Explorer", "ExplorerLive", "LiveTest",
        ]),

        // The fuzz targets (every importer, the query parser, the harness event reader), their input
        // mutator and crash capture: one home for the CI suite (FuzzTests) and the long run.
        .target(name: "FuzzTargets", dependencies: ["MatrixCore"]),

        // The long fuzz run (scripts/fuzz), in a plain release build: 10^6 inputs per target.
        .executableTarget(name: "matrix-fuzz", dependencies: ["FuzzTargets"]),

        .testTarget(name: "MatrixCoreTests", dependencies: ["MatrixCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MatrixStoreTests", dependencies: ["MatrixStore", "MatrixCore"]),
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "Screen", "MatrixCore", "Terminal"], resources: [.copy("Snapshots")]),
        .testTarget(name: "LiveTestTests", dependencies: ["LiveTest", "MatrixCore"]),
        .testTarget(name: "ExplorerLiveTests", dependencies: ["ExplorerLive", "Explorer", "LiveTest", "MatrixCore"]),
        // Drives the built `infermatrix` binary inside tmux (run `swift build` first).
        .testTarget(name: "EndToEndTests", dependencies: ["LiveTest"]),
        .testTarget(name: "CLITests", dependencies: ["MatrixCore", "MatrixStore", "LiveTest"]),
        // The fuzz targets on fixed seeds, 2,000 inputs each (scripts/fuzz: the long run, matrix-fuzz).
        .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets"]),
    ]
)

// swift-tools-version:6.1
// Frontier: border-region incident analysis over PROJ and GEOS.
// The benchmark package lives in Benchmarks/ (its own Package.swift) so that `swift test` never builds it.
import PackageDescription

let package = Package(
    name: "Frontier",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Geo", targets: ["Geo"]),
        .library(name: "Frontier", targets: ["Frontier"]),
        .executable(name: "frontier", targets: ["frontier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System-library shims: a module map and a header each, nothing else.
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        // Safe Swift over PROJ and GEOS; the only module that imports CPROJ and CGEOS.
        .target(name: "Geo", dependencies: ["CPROJ", "CGEOS"]),
        // The engine: regions, borders, readers, writers. No argument parsing, no printing.
        .target(name: "Frontier", dependencies: ["Geo", "CSQLite", "CLibPQ"]),
        // The signal handler that removes an interrupted run's temporary files: C, so it stays async-signal-safe.
        .target(name: "CTempFiles"),
        // The command-line tool: one file per subcommand.
        .executableTarget(name: "frontier", dependencies: [
            "Frontier", "CTempFiles",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "FrontierTests", dependencies: ["Frontier"]),
        .testTarget(name: "CLITests", dependencies: ["frontier", "Frontier", "Geo"], exclude: ["Fixtures"]),
    ]
)

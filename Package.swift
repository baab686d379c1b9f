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
        // libFuzzer's entry points (Fuzz/Package.swift): kept out of the library a caller links.
        .library(name: "FrontierFuzzing", targets: ["FrontierFuzzing"]),
        .executable(name: "frontier", targets: ["frontier"]),
        // The C ABI over the library (answers as Arrow C streams) that the Python package loads.
        .library(name: "FrontierC", type: .dynamic, targets: ["FrontierC"]),
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
        // The engine, in layers: each target may use only those listed under it (the README's layout table, checked by
        // `make check`). No argument parsing and no printing anywhere in them.
        .target(name: "FrontierBase", dependencies: ["Geo", "CBuildStamp"]),
        .target(name: "FrontierFormats", dependencies: ["FrontierBase", "Geo", "CSQLite", "CByteScan"]),
        .target(name: "FrontierPlaces", dependencies: ["FrontierBase", "FrontierFormats", "Geo"]),
        .target(name: "FrontierTables", dependencies: ["FrontierBase", "FrontierFormats", "FrontierPlaces", "Geo"]),
        .target(name: "FrontierGeoPackage", dependencies: ["FrontierBase", "FrontierFormats", "FrontierTables", "Geo", "CSQLite"]),
        .target(name: "FrontierPostGIS", dependencies: ["FrontierBase", "FrontierFormats", "FrontierPlaces", "FrontierTables", "Geo", "CLibPQ"]),
        .target(name: "FrontierScan", dependencies: [
            "FrontierBase", "FrontierFormats", "FrontierPlaces", "FrontierTables", "FrontierGeoPackage", "FrontierPostGIS", "Geo",
        ]),
        .target(name: "FrontierAnalyses", dependencies: ["FrontierBase", "FrontierFormats", "FrontierPlaces", "FrontierScan", "Geo"]),
        .target(name: "FrontierReport", dependencies: ["FrontierBase", "FrontierPlaces", "FrontierAnalyses", "Geo"]),
        .target(name: "FrontierSynth", dependencies: ["FrontierBase", "FrontierFormats", "FrontierPlaces", "Geo"]),
        .target(name: "FrontierGeoDataBuild", dependencies: ["FrontierBase", "FrontierFormats", "FrontierPlaces", "Geo"]),
        .target(name: "FrontierFuzzing", dependencies: ["FrontierBase", "FrontierFormats", "FrontierPlaces", "FrontierScan", "Geo"]),
        // The library's surface: one request and answer per question, over the layers it re-exports.
        .target(name: "Frontier", dependencies: [
            "FrontierBase", "FrontierFormats", "FrontierPlaces", "FrontierTables", "FrontierGeoPackage", "FrontierPostGIS",
            "FrontierScan", "FrontierAnalyses", "FrontierReport", "FrontierSynth", "FrontierGeoDataBuild", "Geo",
        ]),
        // The version `make` stamps into a build (scripts/version.sh): C, so a build without the stamp still compiles.
        .target(name: "CBuildStamp"),
        // Arrow's C data and stream interface structs, as its specification defines them.
        .target(name: "CArrow"),
        // Answers as Arrow record batches: typed columns built row by row, exported through the C interface.
        .target(name: "FrontierArrow", dependencies: ["FrontierBase", "Geo", "CArrow"]),
        // The C ABI: one function per call, options as JSON, answers as Arrow streams (a dynamic library).
        .target(name: "FrontierC", dependencies: ["Frontier", "FrontierArrow", "CArrow"]),
        // Byte classification with SSE2's movemask, inline C (Swift's SIMD types have no movemask): the CSV block index's.
        .target(name: "CByteScan"),
        // The signal handler that removes an interrupted run's temporary files: C, so it stays async-signal-safe.
        .target(name: "CTempFiles"),
        // The command line's one allocator setting (one malloc arena for all threads), C for mallopt.
        .target(name: "CProcessMemory"),
        // The command-line tool: one file per subcommand.
        // `packageAccess: false`: the CLI sees only the library's public surface, as an outside caller does.
        .executableTarget(name: "frontier", dependencies: [
            "Frontier", "CTempFiles", "CProcessMemory",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], packageAccess: false),

        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "ArrowTests", dependencies: ["FrontierArrow", "FrontierC", "Frontier", "CArrow"]),
        .testTarget(name: "FrontierTests", dependencies: ["Frontier", "FrontierFuzzing"]),
        .testTarget(name: "CLITests", dependencies: ["frontier", "Frontier", "Geo", "CProcessMemory"], exclude: ["Fixtures"]),
    ]
)

// swift-tools-version:6.1
// Frontier's benchmarks, kept in their own package so `swift test` at the top never builds them.
// Run with `make bench` (or `swift package benchmark` in this folder).
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is whatever the clone was called ("main",
// "frontier", …): read it from where this manifest sits instead of spelling it.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "FrontierBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        // Without the MallocInterposer trait the default trait pulls a package the mirror does not have.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "GeoBenchmarks",
            dependencies: [
                .product(name: "Geo", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/GeoBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "FrontierBenchmarks",
            dependencies: [
                .product(name: "Frontier", package: root),
                .product(name: "Geo", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/FrontierBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

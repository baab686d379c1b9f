// swift-tools-version:6.1
// Frontier's libFuzzer targets, in their own package so `swift test` never builds them with the fuzzer
// sanitizer. Run with `make fuzz FUZZ_SECONDS=N` (see Fuzz/README.md).
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, whatever the clone was called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "FrontierFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "FrontierFuzz",
            dependencies: [.product(name: "FrontierFuzzing", package: root)],
            // libFuzzer brings `main`; this file only defines LLVMFuzzerTestOneInput.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)

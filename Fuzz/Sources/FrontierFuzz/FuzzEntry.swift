import Foundation
import FrontierFuzzing

/// The target is chosen by FRONTIER_FUZZ_TARGET (one of `FuzzTarget`'s names), read once: `make fuzz` runs
/// this binary once per target, each with its own corpus folder.
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["FRONTIER_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("FRONTIER_FUZZ_TARGET must be one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

/// libFuzzer's callback: one input (the name libFuzzer's runtime also links against). A broken property is
/// made a crash on purpose: libFuzzer then stops and keeps the input in Fuzz/crashes/, as for a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let violation = target.run(bytes).violations.first {
        fatalError("\(target.rawValue): property broken: \(violation)")
    }
    return 0
}

/// libFuzzer's driver, called from our own entry point (SwiftPM names an executable's entry `<Module>_main`).
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@_cdecl("FrontierFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}

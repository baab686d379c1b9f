import Foundation
import XCTest

/// The answers on a fixed synth file, pinned by checksum: a speed-up may change how an answer is computed,
/// never one byte of it. (The hashes were taken from the outputs before the near and start-up rework, and
/// equal them; a deliberate change of output updates them here, with the reason in the commit.)
final class OutputChecksumTests: FolderTestCase {
    private func sha256(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return String(text.prefix(64))
    }

    func testAnswersOnTheSeed42SynthFileAreByteForByteUnchanged() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum"), "sha256sum (coreutils) is not installed")
        let input = path("s20k.csv")
        let synth = try FrontierBinary.run(["synth", "--count", "20000", "--seed", "42", "--out", input])
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let cases: [([String], String)] = [
            (["join", input, "--format", "csv"], "563dda6f260badafe21dfe663a378302add2d2ec032706219704e5cbd7465175"),
            (["join", input, "--format", "geojson"], "0569960b73c8c05b83bfa4957485804999aa85e880c1fc7ad68e5b22544db53a"),
            // --any-country: the answer before near kept only the border's two countries by default.
            (["near", input, "--border", "AFG-TJK", "--within", "25km", "--any-country", "--format", "csv"], "6198d24add8ae2f9b79b0cd19e2ea7d4f3840cdbae05d89018e33d9ed4475737"),
            (["aggregate", input, "--window", "week", "--format", "csv"], "03235cd1712f84ade39577056c999cd13b6dc0f290b06883ac70cbfda1d6ba42"),
        ]
        for (i, (args, expected)) in cases.enumerated() {
            let out = path("out\(i)")
            let r = try FrontierBinary.run(args + ["--out", out])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(try sha256(out), expected, args.joined(separator: " "))
        }
        // By default near keeps the incidents in AFG or TJK: exactly the --any-country rows of those sides.
        let any = try String(contentsOfFile: path("out2"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let sides = try FrontierBinary.run(["near", input, "--border", "AFG-TJK", "--within", "25km", "--format", "csv"])
        XCTAssertEqual(sides.status, 0, sides.stderr)
        let kept = any.enumerated().filter { $0.offset == 0 || $0.element.hasSuffix(",AFG") || $0.element.hasSuffix(",TJK") || $0.element.isEmpty }
        XCTAssertLessThan(kept.count, any.count, "the synth set has incidents in third countries near AFG-TJK")
        XCTAssertEqual(sides.stdout, kept.map(\.element).joined(separator: "\n"))
    }
}

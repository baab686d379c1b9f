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

    /// Natural Earth's hashes are the ones taken before the near and start-up rework; OpenStreetMap's were
    /// taken when it became the default set (the synth file itself differs: its points follow the set's lines).
    func testAnswersOnTheSeed42SynthFileAreByteForByteUnchanged() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum"), "sha256sum (coreutils) is not installed")
        let pinned: [(set: String, hashes: [String])] = [
            ("natural-earth", ["563dda6f260badafe21dfe663a378302add2d2ec032706219704e5cbd7465175",
                               "0569960b73c8c05b83bfa4957485804999aa85e880c1fc7ad68e5b22544db53a",
                               "6198d24add8ae2f9b79b0cd19e2ea7d4f3840cdbae05d89018e33d9ed4475737",
                               "03235cd1712f84ade39577056c999cd13b6dc0f290b06883ac70cbfda1d6ba42"]),
            ("openstreetmap", ["8361ed1469f8dbdd3b6a09854670efb5c234fc79ba0c6bdfc7eda8d579c6ba22",
                               "67987a38b977a48b5cdd87233c1d7758b645272be414a4cdd27388d62d8bf4e6",
                               "2b1ebfb5cc37f9b0a9a3c6cedfc2ec83aa1afac5ed1e3b539c8f94d502bfdaf1",
                               "c50e990b7913765c7d3c434dcc2742855537ade3f82ec798815c868e9d64669f"]),
        ]
        for (set, hashes) in pinned {
            try answersAreUnchanged(set: set, hashes: hashes)
        }
    }

    private func answersAreUnchanged(set: String, hashes: [String]) throws {
        let chosen = ["--boundaries", set]
        let input = path("s20k-\(set).csv")
        let synth = try FrontierBinary.run(["synth", "--count", "20000", "--seed", "42", "--out", input] + chosen)
        XCTAssertEqual(synth.status, 0, synth.stderr)
        let cases: [[String]] = [
            ["join", input, "--format", "csv"],
            ["join", input, "--format", "geojson"],
            // --any-country: the answer before near kept only the border's two countries by default.
            ["near", input, "--border", "AFG-TJK", "--within", "25km", "--any-country", "--format", "csv"],
            ["aggregate", input, "--window", "week", "--format", "csv"],
        ]
        for (i, (args, expected)) in zip(cases, hashes).enumerated() {
            let out = path("out\(i)-\(set)")
            let r = try FrontierBinary.run(args + chosen + ["--out", out])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(try sha256(out), expected, "\(set): " + args.joined(separator: " "))
        }
        // By default near keeps the incidents in AFG or TJK: exactly the --any-country rows of those sides.
        let any = try String(contentsOfFile: path("out2-\(set)"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let sides = try FrontierBinary.run(["near", input, "--border", "AFG-TJK", "--within", "25km", "--format", "csv"] + chosen)
        XCTAssertEqual(sides.status, 0, sides.stderr)
        let kept = any.enumerated().filter { $0.offset == 0 || $0.element.hasSuffix(",AFG") || $0.element.hasSuffix(",TJK") || $0.element.isEmpty }
        XCTAssertLessThan(kept.count, any.count, "the synth set has incidents in third countries near AFG-TJK")
        XCTAssertEqual(sides.stdout, kept.map(\.element).joined(separator: "\n"))
    }
}

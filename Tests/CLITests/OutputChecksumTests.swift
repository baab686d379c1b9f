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
            // Today's provinces, checked apart from Frontier: the join's regions equal GeoPandas' sjoin on
            // admin1.geojson for all 20,000 rows, the weekly counts equal pandas' on those, and near's distances
            // and sides are as before; the rows that moved are renames (Baluchistan 1,848, K.P. 1,168, …) and
            // F.A.T.A.'s 778, now Khyber Pakhtunkhwa.
            ("openstreetmap", ["91cd85dc0a89b99601853e9235f5b7fab0668f28afb3b7e37c40f71d7aeb30b0",
                               "4fd1a99ed45fd8910a2f0016e649d1959bf54600da1f32bc069964130d7a2001",
                               "703d9fa64adad3f96f02037c4a0594ac05e89052b916ba2ce29fb8a6aed94ae8",
                               "d084519a2d0f0627cde3bcfcefb7bbe7c8c0f471a1d83028c28bee33fa16a8c4"]),
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

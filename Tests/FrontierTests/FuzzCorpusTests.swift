import Foundation
import XCTest
@testable import Frontier

/// Every fuzz target over every committed seed and every committed crash input (Fuzz/): none may trap.
/// libFuzzer itself runs under `make fuzz`; this keeps what it found fixed in `make test`.
final class FuzzCorpusTests: XCTestCase {
    func testEveryTargetSurvivesItsCorpusAndPastCrashes() throws {
        let fuzz = TestSupport.repositoryRoot.appendingPathComponent("Fuzz")
        var ran = 0
        for target in FuzzTarget.allCases {
            for folder in ["corpus/\(target.rawValue)", "crashes"] {
                let dir = fuzz.appendingPathComponent(folder)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
                for name in names.sorted() where folder != "crashes" || name.hasPrefix(target.rawValue + "-") {
                    target.run(Array(try Data(contentsOf: dir.appendingPathComponent(name))))
                    ran += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(ran, 20, "the committed seeds were found and run")
    }

    /// Hand-made hostile inputs of each kind, beyond the seeds.
    func testHostileInputsAreRefusedNotTrapped() {
        let cases: [(FuzzTarget, [UInt8])] = [
            (.csv, Array("a,b\n\"unterminated".utf8)), (.csv, [0xEF, 0xBB]), (.csv, Array(repeating: 0x0D, count: 100)),
            (.csv, Array("x,y,latitude,longitude\n1,2,nan,inf\n1,2,1e400,-1e400\n".utf8)),
            (.geojson, Array("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1,2]]]}}]}".utf8)),
            (.geojson, Array(String(repeating: "[", count: 5000).utf8)),
            (.geojsonl, Array("{}\n[]\n\u{1E}\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"a\",1]}}".utf8)),
            (.gpkgBinary, [0x47, 0x50, 0, 0b1110]), (.gpkgBinary, [0x47, 0x50, 0, 0b0010, 0, 0, 0, 0, 1, 2, 3]),
            (.dateAndNumber, Array("9999999999999999999999-01-01".utf8)), (.dateAndNumber, []),
            (.locateIndex, Array(repeating: 0xFF, count: 200)), (.locateIndex, Array(repeating: 0, count: 120)),
        ]
        for (target, bytes) in cases { target.run(bytes) }
    }
}

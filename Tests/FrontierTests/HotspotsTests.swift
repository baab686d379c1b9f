import Foundation
import Geo
import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierAnalyses

/// Grids, Gi*, the false discovery rate, Mann-Kendall and the 17 pattern classes: against published values,
/// PySAL's esda and pymannkendall (from PyPI, in the venv `make test` makes), and hand-built series.
final class HotspotsTests: XCTestCase {
    // MARK: - Grids

    func testPrioGridIdsAreThePublishedOnes() throws {
        let grid = try XCTUnwrap(try Grid(argument: "priogrid"))
        let cells = grid.cells(of: [Coordinate(x: 0, y: 0), Coordinate(x: 1.25, y: 1.55), Coordinate(x: -179.9, y: -89.9), Coordinate(x: 180, y: 90)], transformer: nil)
        XCTAssertEqual(cells.map { $0.map(grid.id) }, ["PG:129961", "PG:132123", "PG:1", "PG:259200"])
        XCTAssertEqual(grid.centre(try XCTUnwrap(cells[0]), transformer: nil), Coordinate(x: 0.25, y: 0.25))
    }

    func testEqualAreaCellsHaveTheirNominalAreaOnTheEllipsoid() throws {
        let context = try GEOSContext()
        for (size, at) in [("10km", Coordinate(x: 70.5, y: 37.2)), ("1km", Coordinate(x: 61.2, y: 29.8)), ("50km", Coordinate(x: 74.1, y: 39.9))] {
            let grid = try XCTUnwrap(try Grid(argument: "grid:\(size)"))
            let t = try grid.transformer()
            let cell = try XCTUnwrap(grid.cells(of: [at], transformer: t)[0])
            let polygon = try Geometry.polygon(exterior: grid.outline(cell, perSide: 64, transformer: t), context: context)
            let nominal = try grid.areaKm2(cell, context: context, transformer: t)
            XCTAssertEqual(try GeodesicMeasure.areaKm2(polygon), nominal, accuracy: nominal * 1e-4, "\(size) cell at \(at)")
            // The cell holds the point it was computed from.
            XCTAssertTrue(try PreparedGeometry(polygon).covers(at), "\(size) cell holds its point")
            XCTAssertTrue(grid.id(cell).hasPrefix("G\(size):"))
        }
        XCTAssertThrowsError(try Grid(argument: "grid:500m"), "cells from 1 km")
        XCTAssertNil(try Grid(argument: "admin1"))
    }

    func testEveryPointFallsInExactlyOneCellEvenOnEdges() throws {
        let grid = try XCTUnwrap(try Grid(argument: "grid:10km"))
        let t = try grid.transformer()
        // A millimetre either side of a cell's south-west corner (built in the projection: a lon/lat round
        // trip is not exact to less): the corner's cell, and its western neighbour.
        var onEdges = [Coordinate(x: 700_000.001, y: 4_500_000.001), Coordinate(x: 699_999.999, y: 4_500_000.001)]
        _ = t?.transform(&onEdges, direction: .inverse)
        let cells = grid.cells(of: onEdges, transformer: t)
        XCTAssertEqual(cells[0], Grid.Cell(x: 70, y: 450))
        XCTAssertEqual(cells[1]?.x, 69)
    }

    // MARK: - Statistics against PySAL and pymannkendall

    private var python: String? {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates: [String?] = [ProcessInfo.processInfo.environment["FRONTIER_PYTHON"], repo.appendingPathComponent(".build/pyvenv/bin/python").path]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private func runPython(_ script: String, input: Any) throws -> Any {
        guard let python else { throw XCTSkip("no Python with esda/pymannkendall: `make test` installs them into .build/pyvenv (offline it cannot)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-hotspots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try JSONSerialization.data(withJSONObject: input).write(to: dir.appendingPathComponent("in.json"))
        try Data(script.utf8).write(to: dir.appendingPathComponent("run.py"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [dir.appendingPathComponent("run.py").path, dir.appendingPathComponent("in.json").path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus != 0, message.contains("ModuleNotFoundError") { throw XCTSkip("esda/pymannkendall missing: \(message)") }
        XCTAssertEqual(p.terminationStatus, 0, message)
        return try JSONSerialization.jsonObject(with: data)
    }

    /// 60 locations scattered over ~150 km, clustered counts: Gi* with one window and no lag equals esda's
    /// G_Local(star=True) on the same binary distance-band weights.
    func testGiStarEqualsEsdaGLocalStar() throws {
        var seed: UInt64 = 42
        func next() -> Double { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Double(seed >> 11) / Double(1 << 53) }
        let centres = (0..<60).map { _ in Coordinate(x: 69 + next() * 1.5, y: 36.5 + next() * 1.2) }
        var cube = SpaceTimeCube(centres: centres, steps: 1)
        for (i, c) in centres.enumerated() { cube.add(Double(Int(next() * 5)) + (c.x < 69.6 ? 6 : 0), location: i, step: 0) }
        let neighbours = cube.neighbours(within: 30_000)
        let gi = GetisOrdGiStar.compute(cube, neighbours: neighbours, timeLag: 0)
        let script = """
            import json, sys
            import numpy as np
            from libpysal.weights import W
            from esda.getisord import G_Local
            d = json.load(open(sys.argv[1]))
            neighbours = {i: [j for j in nb if j != i] for i, nb in enumerate(d["neighbours"])}
            w = W(neighbours, silence_warnings=True)
            g = G_Local(np.array(d["values"], dtype=float), w, transform="B", star=True, permutations=0)
            print(json.dumps([float(z) for z in np.ravel(g.Zs)]))
            """
        // Run outside XCTUnwrap: its autoclosure would turn runPython's XCTSkip into a failure.
        let printed = try runPython(script, input: ["values": cube.values, "neighbours": neighbours.map { $0.map(Int.init) }])
        let esda = try XCTUnwrap(printed as? [Double])
        XCTAssertEqual(esda.count, 60)
        for i in 0..<60 { XCTAssertEqual(gi.z[i], esda[i], accuracy: 1e-9, "location \(i)") }
        XCTAssertTrue(gi.z.contains { $0 > 2 }, "the cluster stands out")
    }

    func testMannKendallEqualsPymannkendall() throws {
        let series: [[Double]] = [[1, 2, 3, 4, 5, 6, 7, 8], [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5], [2, 2, 2, 3, 3, 1, 1, 1, 4, 4, 0, 2],
                                  [9.5, 8.1, 8.1, 7.7, 6.0, 6.0, 5.5, 4.1, 3.3, 3.3, 2.0, 1.0], [0, 0, 0, 0, 0]]
        let script = """
            import json, sys
            import pymannkendall as mk
            out = []
            for x in json.load(open(sys.argv[1])):
                r = mk.original_test(x)
                out.append([float(r.s), float(r.var_s), float(r.z), float(r.p)])
            print(json.dumps(out))
            """
        let printed = try runPython(script, input: series)
        let reference = try XCTUnwrap(printed as? [[Double]])
        for (x, r) in zip(series, reference) {
            let m = MannKendall(x)
            XCTAssertEqual(m.s, r[0], "S of \(x)")
            XCTAssertEqual(m.variance, r[1], accuracy: 1e-9, "Var(S) of \(x)")
            XCTAssertEqual(m.z, r[2], accuracy: 1e-9, "Z of \(x)")
            XCTAssertEqual(m.p, r[3], accuracy: 1e-9, "p of \(x)")
        }
    }

    func testFalseDiscoveryRateCutoffByHand() {
        // m = 5, α = 0.05: thresholds k/m·α = .01, .02, .03, .04, .05; sorted p .001 .015 .03 .2 .9 → k = 3.
        XCTAssertEqual(FalseDiscoveryRate.cutoff([0.9, 0.03, 0.001, 0.2, 0.015], alpha: 0.05), 0.03)
        XCTAssertNil(FalseDiscoveryRate.cutoff([0.5, 0.6], alpha: 0.05))
        XCTAssertEqual(FalseDiscoveryRate.bins(z: [3.3, -2.2, 1.0, 2.9], p: [0.001, 0.028, 0.3, 0.004]), [3, -2, 0, 3])
    }

    // MARK: - The 17 patterns from hand-built series

    func testEveryPatternFromASeriesBuiltForIt() {
        let rising = MannKendall((0..<10).map(Double.init)), falling = MannKendall((0..<10).map { Double(10 - $0) })
        let flat = MannKendall([1, 2, 1, 2, 1, 2, 1, 2, 1, 2])
        XCTAssertLessThan(rising.p, 0.05)
        XCTAssertGreaterThan(flat.p, 0.05)
        let cases: [([Int], MannKendall, EmergingPattern)] = [
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], flat, .newHot),
            ([0, 0, 0, 0, 0, 0, 0, 1, 1, 1], flat, .consecutiveHot),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], rising, .intensifyingHot),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], flat, .persistentHot),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], falling, .diminishingHot),
            ([1, 0, 1, 0, 0, 1, 0, 0, 0, 1], flat, .sporadicHot),
            ([-1, 0, 0, 1, 0, 0, 0, 0, 0, 1], flat, .oscillatingHot),
            ([1, 1, 1, 1, 1, 1, 1, 1, 1, 0], flat, .historicalHot),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, -1], flat, .newCold),
            ([0, 0, 0, 0, 0, 0, 0, -1, -1, -1], flat, .consecutiveCold),
            ([-1, -1, -1, -1, -1, -1, -1, -1, -1, -1], falling, .intensifyingCold),
            ([-1, -1, -1, -1, -1, -1, -1, -1, -1, -1], flat, .persistentCold),
            ([-1, -1, -1, -1, -1, -1, -1, -1, -1, -1], rising, .diminishingCold),
            ([-1, 0, -1, 0, 0, -1, 0, 0, 0, -1], flat, .sporadicCold),
            ([1, 0, 0, -1, 0, 0, 0, 0, 0, -1], flat, .oscillatingCold),
            ([-1, -1, -1, -1, -1, -1, -1, -1, -1, 0], flat, .historicalCold),
            ([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], flat, .none),
        ]
        XCTAssertEqual(Set(cases.map(\.2)).count, 17, "every class is built")
        for (bins, trend, expected) in cases {
            XCTAssertEqual(EmergingPattern.classify(bins: bins, trend: trend, alpha: 0.05), expected, "\(bins)")
        }
    }

    // MARK: - Alerts

    func testSurgeRisingAndVolatilityByHand() {
        // As of day 1000: the latest week (994…1000) 3 events; weeks 1–4 one each (avg_4w 1); the 52 weeks
        // before the latest month (weeks 4–55) 26 events: week 4's and one in each of weeks 6, 8, …, 54.
        var days: [Int: Int] = [1000: 3, 993: 1, 986: 1, 979: 1, 972: 1]
        for k in stride(from: 6, through: 54, by: 2) { days[1000 - 7 * k] = 1 }
        let row = SurgeAlerts.rows(daily: [7: days], asOf: 1000, thresholds: .init()).first
        XCTAssertEqual(row?.eventsWeek, 3)
        XCTAssertEqual(row?.average4w, 1)
        XCTAssertEqual(row?.surge, true, "3 ≥ 2 × 1")
        XCTAssertEqual(row?.monthWeekly, 1.5, "(3 + 1 + 1 + 1) / 4")
        XCTAssertEqual(row?.average12mWeekly, 0.5, "26 / 52")
        XCTAssertEqual(row?.rising, true, "1.5 ≥ 2 × 0.5")
        // Weeks of the latest 52: one of 3, 27 of 1 (weeks 1–4 and 6, 8, …, 50), 24 of 0: mean 30/52 ≈ 0.577,
        // sd ≈ 0.600; only the week of 3 is ≥ mean + 2 sd ≈ 1.776.
        XCTAssertEqual(row?.volatileWeeks, 1)
        var strict = SurgeAlerts.Thresholds()
        strict.minimumAverage = 2
        XCTAssertEqual(SurgeAlerts.rows(daily: [7: days], asOf: 1000, thresholds: strict).first?.surge, false, "below the minimum average")
    }
}

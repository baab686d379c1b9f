import XCTest
import Geo
import Frontier
@testable import FrontierPlaces

/// The cell index must give exactly the answer of plain prepared-geometry lookups, for every point.
final class LocateIndexTests: XCTestCase {
    /// A million points: half uniform over the extent, half within a few km of region boundaries (where the
    /// index has to fall back to GEOS), plus points exactly on shared vertices.
    func testAMillionPointsAgreeWithPreparedGeometryLookups() throws {
        let regions = try RegionSet.load(.admin1, geodata: TestSupport.geodata)
        let index = try regions.buildLocateIndex()
        index.prepareFlatTable()  // the table a large scan reads through; the descent is checked against it below
        XCTAssertGreaterThan(index.insideCells, 100)
        XCTAssertGreaterThan(index.boundaryLeaves, 100)

        var state: UInt64 = 0x5EED
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var vertices: [Coordinate] = []
        for id in ["AFG:Badakhshan", "TJK:Khatlon", "PAK:Khyber Pakhtunkhwa", "IRN:Razavi Khorasan"] {
            for polygon in try XCTUnwrap(regions.region(id: id)).geometry.polygons() {
                vertices += try polygon.exteriorRing()
            }
        }
        let b = index.bounds
        var mismatches = 0, inside = 0
        for i in 0..<1_000_000 {
            let p: Coordinate
            switch i % 4 {
            case 0, 1: p = Coordinate(x: b.minX + next() * (b.maxX - b.minX), y: b.minY + next() * (b.maxY - b.minY))
            case 2:
                let v = vertices[Int(next() * Double(vertices.count))]
                p = Coordinate(x: v.x + (next() - 0.5) * 0.1, y: v.y + (next() - 0.5) * 0.1)
            default: p = vertices[i % vertices.count]
            }
            let fast = try regions.locate(p), exact = try regions.locateExactly(p)
            if fast != exact { mismatches += 1 }
            if fast != nil { inside += 1 }
        }
        XCTAssertEqual(mismatches, 0)
        XCTAssertGreaterThan(inside, 300_000)
    }

    /// Root cells computed by division can round across an edge when the extent starts below zero; the
    /// point must still reach the cell that holds it, and so the smallest-id rule.
    func testPointOnASharedEdgeNearARootCellBoundary() throws {
        let ctx = try GEOSContext()
        let x = 60.0.nextDown
        let left = try Geometry.polygon(exterior: [Coordinate(x: -10, y: 0), Coordinate(x: x, y: 0), Coordinate(x: x, y: 1),
                                                   Coordinate(x: -10, y: 1), Coordinate(x: -10, y: 0)], context: ctx)
        let right = try Geometry.polygon(exterior: [Coordinate(x: x, y: 0), Coordinate(x: 70, y: 0), Coordinate(x: 70, y: 1),
                                                    Coordinate(x: x, y: 1), Coordinate(x: x, y: 0)], context: ctx)
        let set = try RegionSet(regions: [Region(id: "A:left", country: "", name: "left", geometry: left),
                                          Region(id: "B:right", country: "", name: "right", geometry: right)], context: ctx)
        try set.buildLocateIndex()
        for p in [Coordinate(x: x, y: 0.5), Coordinate(x: x, y: 0), Coordinate(x: 60, y: 0.5), Coordinate(x: 59.5, y: 1)] {
            XCTAssertEqual(try set.locate(p), try set.locateExactly(p), "\(p)")
        }
        XCTAssertEqual(try set.locate(Coordinate(x: x, y: 0.5)).map { set.regions[$0].id }, "A:left")
    }

    func testPointsOutsideTheExtentAreOutside() throws {
        let regions = try RegionSet.load(.admin0, geodata: TestSupport.geodata)
        let index = try regions.buildLocateIndex()
        XCTAssertEqual(index.lookup(Coordinate(lon: -100, lat: 40)), .outside)
        XCTAssertEqual(try regions.locate(Coordinate(lon: 69.17, lat: 34.53)).map { regions.regions[$0].id }, "AFG:Afghanistan")
    }

    /// The table a PostGIS server locates with (`fineCells`) says what `lookup` says, for points anywhere in
    /// the extent and for points exactly on the finest cells' edges and corners, the cell found by the
    /// server's arithmetic (⌊(x − origin)·scale⌋).
    func testTheServersCellTableAnswersAsTheIndex() throws {
        for layer in [RegionSource.admin0, .admin1] {
            let regions = try RegionSet.load(layer, geodata: TestSupport.geodata)
            let index = try regions.buildLocateIndex()
            let scale = try XCTUnwrap(index.fineScale, "the bundled index's cells are exact in SQL")
            XCTAssertEqual(scale, 16)
            var table: [Int: LocateIndex.FineCell] = [:]
            for cell in index.fineCells() { table[cell.ix << 20 | cell.iy] = cell }
            var generator = SystemRandomNumberGenerator()
            var decided = 0
            for k in 0..<200_000 {
                var x = Double.random(in: index.bounds.minX...index.bounds.maxX, using: &generator)
                var y = Double.random(in: index.bounds.minY...index.bounds.maxY, using: &generator)
                if k % 2 == 0 { x = (x * scale).rounded(.down) / scale }  // on a cell's edge
                if k % 4 == 0 { y = (y * scale).rounded(.down) / scale }  // and on its corner
                let ix = Int(((x - index.origin.x) * scale).rounded(.down)), iy = Int(((y - index.origin.y) * scale).rounded(.down))
                let cell = table[ix << 20 | iy]
                switch index.lookup(Coordinate(x: x, y: y)) {
                case .region(let r):
                    // A point on the edge of a decided cell may be looked up in its decided neighbour: the same region.
                    if let region = cell?.region { XCTAssertEqual(region, r, "\(layer) \(x),\(y)") } else {
                        XCTAssertTrue(cell?.candidates.contains(r) ?? false, "\(layer) \(x),\(y): the server's cell must test \(r)")
                    }
                    decided += 1
                case .outside:
                    XCTAssertTrue(cell == nil || cell?.region == nil, "\(layer) \(x),\(y): outside, yet the server's cell says \(String(describing: cell?.region))")
                case .candidates(let positions):
                    let list = positions.map { Int32(index.candidateRegion($0)) }
                    // Exact tests decide these either way; the server's candidates must include the index's.
                    let regionsTested = Set(cell?.candidates ?? cell.map { [$0.region ?? -1] } ?? [])
                    XCTAssertTrue(Set(list.map(Int.init)).isSubset(of: regionsTested) || (cell?.region != nil && list.contains(Int32(cell?.region ?? -1))),
                                  "\(layer) \(x),\(y)")
                }
            }
            XCTAssertGreaterThan(decided, 50_000)
        }
    }

    /// The table of finest cells answers as the descent from the root cell does, for points anywhere in the
    /// extent, on the finest cells' edges and corners, on the extent's own edges, and an ulp either side.
    func testTheFlatTableAnswersAsTheDescent() throws {
        for layer in [RegionSource.admin0, .admin1] {
            let regions = try RegionSet.load(layer, geodata: TestSupport.geodata)
            let index = try regions.buildLocateIndex()
            XCTAssertEqual(index.flatCells.count, 0, "filled only when asked")
            index.prepareFlatTable()
            XCTAssertGreaterThan(index.flatCells.count, 0, "the bundled index has its table")
            XCTAssertLessThanOrEqual(index.flatCells.count, LocateIndex.flatLimit)
            let b = index.bounds, scale = try XCTUnwrap(index.fineScale)
            // The bundled tree splits below the table: points on its finest cells' edges too.
            XCTAssertEqual(index.maxDepth, LocateIndex.bundledDepth)
            let finest = scale * Double(1 << (index.maxDepth - index.tableDepth))
            var state: UInt64 = 0xF1A7
            func next() -> Double {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Double(state >> 11) / Double(1 << 53)
            }
            var points = [Coordinate(x: b.minX, y: b.minY), Coordinate(x: b.maxX, y: b.maxY), Coordinate(x: b.minX, y: b.maxY),
                          Coordinate(x: b.maxX, y: b.minY)]
            for k in 0..<300_000 {
                var x = b.minX + next() * (b.maxX - b.minX), y = b.minY + next() * (b.maxY - b.minY)
                if k % 2 == 0 { x = max(b.minX, (x * scale).rounded(.down) / scale) }
                if k % 4 == 0 { y = max(b.minY, (y * scale).rounded(.down) / scale) }
                if k % 16 == 5 { (x, y) = ((x * finest).rounded(.down) / finest, (y * finest).rounded(.down) / finest) }
                if k % 8 == 1 { x = x.nextUp }
                if k % 8 == 3 { y = y.nextDown }
                points.append(Coordinate(x: min(x, b.maxX), y: min(y, b.maxY)))
            }
            var differ = 0
            for p in points where index.lookup(p) != index.descend(p) { differ += 1 }
            XCTAssertEqual(differ, 0, "\(layer)")
        }
    }

    /// A tree deeper than its table decides, in a cell the table leaves on a boundary, the points that a
    /// finer cell holds away from the edge: the point 0.03° from the edge at x = 60.3 is in the table's
    /// boundary cell [60.25, 60.3125] but in the depth-6 cell [60.265625, 60.28125], inside `left` alone. The
    /// table's lookup, the descent and a decoded copy say so alike; the server's table (`fineCells`) still
    /// tests both regions there.
    func testATreeDeeperThanItsTableDecidesNearAnEdge() throws {
        let ctx = try GEOSContext()
        func box(_ minX: Double, _ maxX: Double) throws -> Geometry {
            try Geometry.polygon(exterior: [Coordinate(x: minX, y: 0), Coordinate(x: maxX, y: 0), Coordinate(x: maxX, y: 1),
                                            Coordinate(x: minX, y: 1), Coordinate(x: minX, y: 0)], context: ctx)
        }
        let set = try RegionSet(regions: [Region(id: "A:left", country: "", name: "left", geometry: try box(59, 60.3)),
                                          Region(id: "B:right", country: "", name: "right", geometry: try box(60.3, 61))], context: ctx)
        let shallow = try LocateIndex(regions: set)
        let deep = try LocateIndex(regions: set, maxDepth: 6)
        XCTAssertEqual(deep.tableDepth, 4)
        XCTAssertEqual(deep.fineScale, 16, "the server's grid stays the table's")
        var writer = BinaryWriter()
        deep.encode(into: &writer)
        var reader = BinaryReader(writer.bytes)
        let decoded = try LocateIndex(decoding: &reader, regionCount: 2)
        let near = Coordinate(x: 60.27, y: 0.5), onEdge = Coordinate(x: 60.3, y: 0.5)
        guard case .candidates(let positions) = shallow.lookup(near) else { return XCTFail("depth 4 leaves the point to the exact test") }
        XCTAssertEqual(positions.map { shallow.candidateRegion($0) }, [0, 1])
        for index in [deep, decoded] {
            XCTAssertEqual(index.descend(near), .region(0))
            index.prepareFlatTable()
            XCTAssertEqual(index.lookup(near), .region(0))
            guard case .candidates(let edge) = index.lookup(onEdge) else { return XCTFail("a point on the edge is tested exactly") }
            XCTAssertEqual(edge.map { index.candidateRegion($0) }, [0, 1])
        }
        let cell = try XCTUnwrap(deep.fineCells().first { $0.ix == Int((60.27 - 59) * 16) && $0.iy == 8 })
        XCTAssertNil(cell.region)
        XCTAssertEqual(cell.candidates, [0, 1])
    }

    /// A decoded index whose tree splits below the depth it states (a damaged file) is refused, not read with
    /// cells its table would leave outside every region.
    func testADecodedTreeDeeperThanItsDepthIsRefused() throws {
        let regions = try RegionSet.load(.admin1, geodata: TestSupport.geodata)
        let index = try regions.buildLocateIndex()
        var writer = BinaryWriter()
        index.encode(into: &writer)
        var reader = BinaryReader(writer.bytes)
        let decoded = try LocateIndex(decoding: &reader, regionCount: regions.count)
        index.prepareFlatTable()
        decoded.prepareFlatTable()
        XCTAssertEqual(decoded.flatCells, index.flatCells, "the table is made again from the decoded tree")
        // The depth follows the bounds and root cell (five f64) and the region count, columns and rows (three
        // int), each eight bytes: state 3 where the tree reaches 6.
        var damaged = writer.bytes
        XCTAssertEqual(damaged[64], UInt8(index.maxDepth))
        damaged[64] = 3
        var damagedReader = BinaryReader(damaged)
        XCTAssertThrowsError(try LocateIndex(decoding: &damagedReader, regionCount: regions.count))
    }
}

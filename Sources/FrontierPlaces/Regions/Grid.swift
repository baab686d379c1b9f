import Foundation
import Geo
import FrontierBase

/// Regular cells as regions (`grid:10km`, `priogrid`: `init(argument:)`): computed from a point, never
/// looked up among polygons, and only the cells that hold incidents are ever made.
///
/// - `grid:SIZE`: squares of that side in EPSG:6933 (WGS 84 / NSIDC EASE-Grid 2.0 Global, a cylindrical
///   equal-area projection) through PROJ, origin at the projection's origin: cell (IX, IY) covers
///   [IX·size, (IX+1)·size) × [IY·size, (IY+1)·size); every cell has the same area on the ellipsoid.
///   Id `G10km:IX:IY`.
/// - `priogrid`: PRIO-GRID v2's 0.5° cells, gid = (row − 1)·720 + col with row = (90 + floor(2·lat)/2)·2 + 1
///   and col = (180 + floor(2·lon)/2)·2 + 1 (Tollefsen, Strand & Buhaug 2012). Id `PG:GID`.
public struct Grid: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case equalArea(metres: Double)
        case prioGrid
    }

    public let kind: Kind
    /// The size as the user wrote it, for ids: "10km".
    public let label: String
    /// The grid as the caller named it (`grid:10km`, `grid:10000m`, `priogrid`), spelling kept: what messages
    /// quote back. Two spellings of one grid are still the same grid (`==` ignores it).
    public let name: String

    public static let equalAreaCRS = "EPSG:6933"
    /// The smallest and largest cell side accepted (1 km; a cell larger than 1,000 km says nothing local).
    public static let sizes = 1_000.0...1_000_000.0

    /// `grid:10km`, `grid:500m`, `priogrid`; nil for anything else (a region name or a file).
    public init?(argument: String) throws {
        let lower = argument.lowercased()
        name = argument
        if lower == "priogrid" {
            kind = .prioGrid
            label = "PG"
            return
        }
        guard lower.hasPrefix("grid:") else { return nil }
        let size = try Distance(parsing: String(argument.dropFirst(5)))
        guard Grid.sizes.contains(size.metres) else {
            throw FrontierError.badValue(.distance, value: size.text, reason: "a grid cell's side is from 1 km to 1,000 km")
        }
        kind = .equalArea(metres: size.metres)
        label = NumberFormat.shortest(size.metres / 1000) + "km"
    }

    /// Equal when the cells are: the kind and size, whatever the spelling of `name`.
    public static func == (a: Grid, b: Grid) -> Bool { a.kind == b.kind && a.label == b.label }

    /// A cell: its column and row (equal-area), or its gid (PRIO-GRID, in `x`; `y` 0).
    public struct Cell: Hashable, Sendable, Comparable {
        public var x: Int
        public var y: Int
        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
        public static func < (a: Cell, b: Cell) -> Bool { (a.x, a.y) < (b.x, b.y) }
    }

    /// The PROJ operation to the equal-area CRS (nil for PRIO-GRID, which is in degrees): one per thread.
    public func transformer() throws -> Transformer? {
        if case .equalArea = kind { return try Transformer(from: "EPSG:4326", to: Grid.equalAreaCRS) }
        return nil
    }

    /// The cells holding lon/lat points (projected in one PROJ call); nil for a point the CRS cannot hold.
    public func cells(of points: [Coordinate], transformer: Transformer?) -> [Cell?] {
        switch kind {
        case .prioGrid:
            return points.map { p in
                guard p.x.isFinite, p.y.isFinite, abs(p.y) <= 90, abs(p.x) <= 180 else { return nil }
                // The last row and column are closed: 90°N and 180°E belong to the cells below and left.
                let row = min(360, Int((90 + (2 * p.y).rounded(.down) / 2) * 2) + 1)
                let col = min(720, Int((180 + (2 * p.x).rounded(.down) / 2) * 2) + 1)
                return Cell(x: (row - 1) * 720 + col, y: 0)
            }
        case .equalArea(let size):
            var projected = points
            _ = transformer?.transform(&projected)
            return projected.map { p in
                guard p.x.isFinite, p.y.isFinite, abs(p.x) < 2e7, abs(p.y) < 1e7 else { return nil }
                return Cell(x: Int((p.x / size).rounded(.down)), y: Int((p.y / size).rounded(.down)))
            }
        }
    }

    public func id(_ c: Cell) -> String {
        switch kind {
        case .prioGrid: return "PG:\(c.x)"
        case .equalArea: return "G\(label):\(c.x):\(c.y)"
        }
    }

    /// The cell's outline in lon/lat, `perSide` points along each edge (so the edges follow the grid: an
    /// equal-area cell's edges are not straight in degrees).
    public func outline(_ c: Cell, perSide: Int = 8, transformer: Transformer?) throws -> [Coordinate] {
        let corners: [Coordinate]
        switch kind {
        case .prioGrid:
            let row = (c.x - 1) / 720 + 1, col = (c.x - 1) % 720 + 1
            let south = Double(row - 1) / 2 - 90, west = Double(col - 1) / 2 - 180
            corners = [Coordinate(x: west, y: south), Coordinate(x: west + 0.5, y: south),
                       Coordinate(x: west + 0.5, y: south + 0.5), Coordinate(x: west, y: south + 0.5)]
        case .equalArea(let size):
            let (x0, y0) = (Double(c.x) * size, Double(c.y) * size)
            corners = [Coordinate(x: x0, y: y0), Coordinate(x: x0 + size, y: y0), Coordinate(x: x0 + size, y: y0 + size), Coordinate(x: x0, y: y0 + size)]
        }
        var ring: [Coordinate] = []
        for k in 0..<4 {
            let (a, b) = (corners[k], corners[(k + 1) % 4])
            for i in 0..<perSide {
                let t = Double(i) / Double(perSide)
                ring.append(Coordinate(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
            }
        }
        ring.append(ring[0])
        if case .equalArea = kind { _ = transformer?.transform(&ring, direction: .inverse) }
        return ring
    }

    /// The cell's centre in lon/lat.
    public func centre(_ c: Cell, transformer: Transformer?) -> Coordinate {
        switch kind {
        case .prioGrid:
            let row = (c.x - 1) / 720 + 1, col = (c.x - 1) % 720 + 1
            return Coordinate(x: Double(col - 1) / 2 - 180 + 0.25, y: Double(row - 1) / 2 - 90 + 0.25)
        case .equalArea(let size):
            var p = [Coordinate(x: (Double(c.x) + 0.5) * size, y: (Double(c.y) + 0.5) * size)]
            _ = transformer?.transform(&p, direction: .inverse)
            return p[0]
        }
    }

    /// The cell's area in km²: exact for the equal-area grid (size²); geodesic for PRIO-GRID.
    public func areaKm2(_ c: Cell, context: GEOSContext, transformer: Transformer?) throws -> Double {
        if case .equalArea(let size) = kind { return size * size / 1e6 }
        return try GeodesicMeasure.areaKm2(Geometry.polygon(exterior: outline(c, transformer: transformer), context: context))
    }
}

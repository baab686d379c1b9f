import Geo
import FrontierBase
import FrontierPlaces

/// Which regions to list with their area and bounding box: all of a layer, those of one country, or those
/// along a border line; for a grid, the cells whose centre lies in one country.
public struct RegionsRequest {
    /// The most cells a grid listing makes, unless a request says otherwise.
    public static let defaultMaxCells = 1_000_000

    /// The regions or the grid listed.
    public var places: PlaceSource
    /// Only regions of this country (ISO3, any case); required for a grid, which has cells everywhere.
    public var country: String?
    /// Only regions sharing a stretch of this bundled border line (`AFG-TJK`, either order); not with a grid.
    public var border: String?
    /// The GeoData of the bundled regions, border lines and (for a grid) country outlines.
    public var geodata: GeoDataChoice
    /// The most cells a grid listing may make: a country of small cells is refused, not listed.
    public var maxCells: Int
    /// Whether the answer's table carries each region's ISO code (`region_code`, after `region_name`).
    public var regionCode = false

    /// - Parameters:
    ///   - places: the regions or grid to list (the bundled provinces by default).
    ///   - country: an ISO3 code to keep only that country's regions, or nil for all.
    ///   - border: a border id to keep only the regions along it, or nil.
    ///   - geodata: the GeoData to use.
    ///   - maxCells: the bound on a grid listing.
    public init(places: PlaceSource = .admin1, country: String? = nil, border: String? = nil,
                geodata: GeoDataChoice = GeoDataChoice(), maxCells: Int = RegionsRequest.defaultMaxCells) {
        self.places = places
        self.country = country
        self.border = border
        self.geodata = geodata
        self.maxCells = maxCells
    }

    /// Lists and measures the regions.
    ///
    /// - Parameter repaired: told each repair to a layer's geometries ("origin: reason") as soon as the layer
    ///   is loaded, so a caller can report them even when the question then fails (a country with no
    ///   regions); the answer lists them too.
    /// - Returns: the regions kept, in id order, with their areas and bounding boxes, and the repairs made to
    ///   a layer's geometries while loading it.
    /// - Throws: for a grid, `FrontierError.request(.gridNeedsCountry)` without a country, `.gridAlongBorder` with a
    ///   border, `.unknownCountry` for a country not in the bundled data and `.tooManyCells` past `maxCells`;
    ///   for regions, `.unknownCountry` when the country has none of them and `.unknownBorder` for a border
    ///   not in the bundled data; and the errors of loading regions and GeoData.
    public func answer(repaired: (String) -> Void = { _ in }) throws -> RegionsAnswer {
        let context = try GEOSContext()
        let source: RegionSource
        switch places {
        case .grid(let grid):
            guard let country else { throw FrontierError.request(.gridNeedsCountry(grid: grid.name)) }
            if border != nil { throw FrontierError.request(.gridAlongBorder(grid: grid.name)) }
            return try cells(of: grid, in: country, context: context)
        case .regions(let regions):
            source = regions
        }
        let (set, _) = try places.loadRegions(geodata: geodata, context: context)
        set.repairs.forEach(repaired)
        var selected = set.regions
        if let country {
            selected = set.regions(inCountry: country)
            if selected.isEmpty {
                let known = Set(set.regions.map(\.country)).sorted()
                throw FrontierError.request(.unknownCountry(code: country, regions: source.description, known: known))
            }
        }
        if let border {
            let line = try BorderSet.load(geodata: geodata.location(), context: context).border(border)
            // Along the border means sharing a stretch of it, not just touching a tripoint.
            selected = try selected.filter { try line.geometry.intersection($0.geometry).length() > 0 }
        }
        return RegionsAnswer(rows: try selected.map { try RegionRow($0) }, repairs: set.repairs, regionCode: regionCode)
    }
}

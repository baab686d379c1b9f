/// The area within a distance of a bundled border line or of a region, as a polygon for maps: geodesic, the
/// edge within 0.1% of the distance (docs/architecture.md, "Distances"); optionally only one country's part.
public struct BufferRequest {
    /// The border line or the region the zone is drawn around.
    public var target: ZoneTarget
    /// How far the zone reaches, at most `BufferZone.maxDistance`.
    public var within: Distance
    /// Keep only the part inside this country (ISO3); nil: the whole zone.
    public var side: String?
    /// The regions a region target is found in.
    public var places: PlaceSource
    /// Where the bundled boundaries come from, and which set.
    public var geodata: GeoDataChoice

    public init(target: ZoneTarget, within: Distance, side: String? = nil, places: PlaceSource = .admin1,
                geodata: GeoDataChoice = GeoDataChoice()) {
        self.target = target
        self.within = within
        self.side = side
        self.places = places
        self.geodata = geodata
    }

    /// Draws the zone.
    /// - Returns: the zone's polygon, its name, distance and side, its area, and notices.
    /// - Throws: `FrontierError.request(.gridNotRegions)` for a grid; `.unknownBorder`, `.unknownRegion` or
    ///   `.ambiguousRegion` for the target; `.request(.sideNotOnBorder)` or `.request(.unknownCountry)` for
    ///   the side; `.badValue(.distance)` beyond `BufferZone.maxDistance`; GEOS and PROJ errors.
    public func answer() throws -> BufferAnswer {
        let context = try GEOSContext()
        let target: ZoneTarget.Resolved, notices: [RequestNotice]
        if places.isBundled, let line = try self.target.border(geodata: geodata, context: context) {
            // A border is found without the regions, and the bundled ones carry no repairs to note
            // (`BundledRegionsTests`): not loading them was a tenth of a one-row buffer. A caller's layer is
            // still read (its repairs noted, its errors raised), and a grid refused, as for a region.
            (target, notices) = (.border(line), [])
        } else {
            let (regions, repairs) = try places.loadRegions(geodata: geodata, context: context)
            let (resolved, readAs) = try self.target.resolve(regions: regions, geodata: geodata, context: context)
            (target, notices) = (resolved, repairs + readAs)
        }
        var zone: Geometry
        switch target {
        case .border(let line):
            if let side { _ = try SideChoice.country(side).countries(border: line) }
            zone = try BufferZone.around(lines: line.geometry.lines(), within: within, context: context)
        case .region(let region):
            zone = try BufferZone.around(region: region.geometry, within: within)
        }
        if let side {
            let countries = try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
            guard let country = countries.regions(inCountry: side).first else {
                throw FrontierError.request(.unknownCountry(code: side, regions: nil, known: countries.regions.map(\.country)))
            }
            zone = try zone.intersection(country.geometry)
        }
        return BufferAnswer(name: target.name, within: within, side: side?.uppercased(), geometry: zone,
                            areaKm2: (try GeodesicMeasure.areaKm2(zone) * 10).rounded() / 10, notices: notices)
    }
}

/// A drawn zone.
public struct BufferAnswer {
    /// The border's id or the region's.
    public let name: String
    /// How far the zone reaches.
    public let within: Distance
    /// The country kept (ISO3, upper case), or nil for the whole zone.
    public let side: String?
    /// The zone's polygon in lon/lat.
    public let geometry: Geometry
    /// Its geodesic area in km², to one decimal.
    public let areaKm2: Double
    /// Repairs to the regions and a region target read as another spelling.
    public let notices: [RequestNotice]

    /// One feature: zone, within_km, side, area_km2, with the polygon.
    public var table: RecordTable {
        RecordTable(columns: ["zone", "within_km", "side", "area_km2"], records: [Record(values: [
            .string(name), .double(within.metres / 1000), .string(side ?? ""), .double(areaKm2),
        ], geometry: geometry)])
    }
}

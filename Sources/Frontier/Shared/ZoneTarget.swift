/// What a zone is drawn around: a bundled border line, or a region (by id, unique name or alias).
public enum ZoneTarget: Sendable, Equatable {
    /// A border line by its two ISO3 codes, either order (`AFG-TJK`).
    case border(String)
    /// A region: its id (`AFG:Badakhshan`), unique name or alias.
    case region(String)

    /// The target found: the border line, or the region of `regions`.
    public enum Resolved {
        case border(BorderLine)
        case region(Region)

        /// The border's id or the region's.
        public var name: String {
            switch self {
            case .border(let b): return b.id
            case .region(let r): return r.id
            }
        }

        /// The line or the region's polygon, in lon/lat.
        public var geometry: Geometry {
            get throws {
                switch self {
                case .border(let b): return b.geometry
                case .region(let r): return try r.geometry
                }
            }
        }
    }

    /// Finds the border line in GeoData, or the region in `regions` by id, unique name or the bundled aliases.
    /// - Returns: the target and, for a region, notices saying how its name was read (another spelling; other
    ///   regions whose names it is part of).
    /// - Throws: `FrontierError.unknownBorder`, `.unknownRegion` or `.ambiguousRegion` (with suggestions).
    public func resolve(regions: RegionSet, geodata: GeoDataChoice, context: GEOSContext) throws -> (target: Resolved, notices: [RequestNotice]) {
        switch self {
        case .border:
            return (.border(try border(geodata: geodata, context: context)!), [])
        case .region(let name):
            let found = try RegionLookup(regions: regions, aliases: RegionAliases.bundled(geodata.location())).match(name)
            return (.region(found.region), RequestNotice.found(found, name: name))
        }
    }

    /// The border line in GeoData for a border target, found without any regions; nil for a region target.
    /// - Throws: `FrontierError.unknownBorder` (with suggestions), and GeoData's errors.
    public func border(geodata: GeoDataChoice, context: GEOSContext) throws -> BorderLine? {
        guard case .border(let id) = self else { return nil }
        return try BorderSet.load(geodata: geodata.location(), context: context).border(id)
    }

    /// The zone incidents are kept in: within the largest of `bands` of the border line, or inside the region
    /// or within that distance of its boundary; `bands` (nearest first) also say which band holds each.
    /// - Throws: `FrontierError.request(.noRegion)` when the region is not one of `regions`.
    public static func zone(_ target: Resolved, bands: [Distance], regions: RegionSet) throws -> NearZone {
        switch target {
        case .border(let line): return try NearZone(border: line, bands: bands)
        case .region(let r):
            guard let index = regions.index(id: r.id) else { throw FrontierError.request(.noRegion(id: r.id)) }
            return try NearZone(region: index, of: regions, bands: bands)
        }
    }
}

/// Counting only the incidents near a bundled border line: within `within` (a list counts each band apart),
/// on the sides `sides` keeps.
public struct NearBorder: Sendable, Equatable {
    /// The border line: two ISO3 codes, either order (`AFG-TJK`).
    public var border: String
    /// The distances, nearest first; the zone reaches the last.
    public var within: [Distance]
    /// Which countries' incidents are kept.
    public var sides: SideChoice

    public init(border: String, within: [Distance], sides: SideChoice = .borderCountries) {
        self.border = border
        self.within = within
        self.sides = sides
    }

    /// The line, its zone and the countries kept (nil: any).
    /// - Throws: `FrontierError.unknownBorder`, and `.request(.sideNotOnBorder)` for a side off the border.
    public func zone(geodata: GeoDataChoice, context: GEOSContext) throws -> (line: BorderLine, zone: NearZone, sides: Set<String>?) {
        let line = try BorderSet.load(geodata: geodata.location(), context: context).border(border)
        return (line, try NearZone(border: line, bands: within), try sides.countries(border: line))
    }
}

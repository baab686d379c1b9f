import ArgumentParser
import Frontier

/// `--border ID | --region NAME` with `--within DISTANCE`: the zone that near and buffer work on.
struct ZoneOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A bundled border line: two ISO3 codes, either order (AFG-TJK).", valueName: "border"))
    var border: String?

    @Option(help: ArgumentHelp("A region id (AFG:Badakhshan), unique name or alias.", valueName: "region"))
    var region: String?

    // Unconditional: "-5km" is taken as the (refused) value, not as an unknown flag.
    @Option(parsing: .unconditional, help: ArgumentHelp("The distance, with a unit: m, km, mi or nmi (e.g. 25km); near takes a list of bands too (10km,25km,50km).", valueName: "distance"))
    var within: String

    func validate() throws {
        if (border == nil) == (region == nil) { throw ValidationError("give exactly one of --border and --region") }
        do { _ = try Distance.list(parsing: within) } catch { throw ValidationError("--within: \(error)") }
    }

    /// The distances given, nearest first.
    var bands: [Distance] { get throws { try Distance.list(parsing: within) } }

    /// The zone's reach: the one distance, or the largest band.
    var distance: Distance { get throws { try bands[bands.count - 1] } }

    /// What the zone is drawn around.
    enum Target {
        case border(BorderLine)
        case region(Region)

        var name: String {
            switch self {
            case .border(let b): return b.id
            case .region(let r): return r.id
            }
        }

        var geometry: Geometry {
            get throws {
                switch self {
                case .border(let b): return b.geometry
                case .region(let r): return try r.geometry
                }
            }
        }
    }

    /// The named border line, or the region resolved by id, unique name or alias (errors suggest names).
    func target(regions: RegionSet, geodata: GeoDataOptions, context: GEOSContext) throws -> Target {
        if let border {
            return .border(try BorderSet.load(geodata: geodata.location(), context: context).border(border))
        }
        let aliases = try RegionAliases.bundled(geodata.location())
        let resolved: Region
        do { resolved = try RegionLookup(regions: regions, aliases: aliases).resolve(region!) } catch {
            throw CLIError("\(error)")
        }
        if resolved.id != region!, resolved.name != region! {
            Diagnostics.note("notice: '\(MessageText.escaped(region!))' is read as \(MessageText.escaped(resolved.id)) (\(MessageText.escaped(resolved.name)))")
        }
        return .region(resolved)
    }

    /// The zone `near` keeps incidents in: within the distance of the border line, or inside the region
    /// (one of `regions`) or within the distance of its boundary.
    func zone(_ target: Target, regions: RegionSet) throws -> NearZone {
        switch target {
        case .border(let line): return try NearZone(border: line, bands: bands)
        case .region(let r):
            guard let index = regions.index(id: r.id) else { throw CLIError("no region \(r.id)") }
            return try NearZone(region: index, of: regions, bands: bands)
        }
    }
}

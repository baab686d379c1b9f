/// Something a caller should know about how a request was read, that does not stop it: a caller prints it
/// or logs it (the command line prints each on standard error before the scan's own notices).
public enum RequestNotice: Sendable, Equatable {
    /// A polygon of the regions was invalid and has been repaired (what was done, and to which region).
    case repaired(String)
    /// A region named by a caller was found by its alias or another spelling: the name given, and the
    /// region's id and name.
    case readAs(name: String, id: String, regionName: String)
    /// No incident matched a map's request: the map shows its regions with no marks.
    case noIncidentMatched
    /// A region name equal to one region's name was read as that region (its id), though it is also part of
    /// other regions' names or aliases (their ids): "Badakhshan" and TJK:Gorno-Badakhshan.
    case alsoPartOf(name: String, id: String, others: [String])
    /// Regions a caller named that the zone does not reach (none of their points lies within `within` of
    /// `zone`, or they lie off the sides kept): no incident in them is counted, and a filled series lists them not.
    case chosenBeyondZone(ids: [String], zone: String, within: Distance)
    /// An attribution was asked of an input with no actor column (ACLED's actor1/actor2, UCDP's side_a/side_b
    /// or gwnoa/gwnob): every row's actor country is empty and none is cross-border. The input named.
    case noActorColumns(file: String)
}

extension RequestNotice {
    /// What a caller is told about how `name` found its region: another spelling, other regions it partly
    /// names (those in `except`, chosen as well, left out).
    static func found(_ match: RegionLookup.Match, name: String, except: Set<String> = []) -> [RequestNotice] {
        let others = match.partlyNamed.filter { !except.contains($0) }
        // The second notice names the region's id too: one line says all.
        if !others.isEmpty { return [.alsoPartOf(name: name, id: match.region.id, others: others)] }
        return match.readAsOtherSpelling ? [.readAs(name: name, id: match.region.id, regionName: match.region.name)] : []
    }
}

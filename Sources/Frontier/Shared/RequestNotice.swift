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
    /// Regions a caller named that the zone does not reach (none of their points lies within `within` of
    /// `zone`, or they lie off the sides kept): no incident in them is counted, and a filled series lists them not.
    case chosenBeyondZone(ids: [String], zone: String, within: Distance)
}

import Geo
import FrontierBase

/// What a reading command needs from an incident table; nil fields do not filter.
public struct IncidentTableFilter: Sendable {
    public var box: Envelope?
    public var from: CivilDate?
    public var to: CivilDate?
    /// PostGIS only: the regions to locate rows in on the server (and whether to group them).
    public var locate: ServerLocating?
    /// A store holding several sources: the name of the one to read (nil: its only one).
    public var source: String?
    public init(box: Envelope? = nil, from: CivilDate? = nil, to: CivilDate? = nil) {
        self.box = box
        self.from = from
        self.to = to
    }
}

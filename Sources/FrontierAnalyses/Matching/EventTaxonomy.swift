import Foundation
import FrontierBase
import FrontierFormats
import FrontierPlaces

/// The kinds of violence two sources' event types can share: UCDP GED's three types of organized violence,
/// and the events no UCDP type covers (protests, strategic developments). Two events can be the same only
/// when their types share a class.
public struct EventClasses: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Between a state and an organized group (UCDP type 1).
    public static let stateBased = EventClasses(rawValue: 1)
    /// Between organized groups, none a state (UCDP type 2).
    public static let nonState = EventClasses(rawValue: 2)
    /// An organized group or a state against civilians (UCDP type 3).
    public static let oneSided = EventClasses(rawValue: 4)
    /// No armed violence (ACLED's protests, strategic developments), which UCDP does not record.
    public static let unarmed = EventClasses(rawValue: 8)
    /// What an unknown type may be: anything.
    public static let any: EventClasses = [.stateBased, .nonState, .oneSided, .unarmed]

    /// The names the taxonomy file uses, in order.
    static let names: [(String, EventClasses)] = [("state-based", .stateBased), ("non-state", .nonState),
                                                  ("one-sided", .oneSided), ("unarmed", .unarmed)]
}

/// Which classes each source's event types belong to (`GeoData/event-taxonomy.csv`:
/// source,event_type,sub_event_type,classes, the classes `;`-separated). A sub-event type's row, where one
/// is given, is more precise than its event type's. The source is the input's layout (`acled`, `ucdp`).
public struct EventTaxonomy: Sendable {
    private var rows: [Key: EventClasses] = [:]

    private struct Key: Hashable {
        var source: String
        var type: String
        var subType: String
    }

    public init() {}

    /// Reads the taxonomy file; a malformed row or an unknown class is an error naming its line.
    /// - Throws: `FrontierError.cannotOpen` when the file cannot be read, `.malformed` for a bad row.
    public static func load(path: String) throws -> EventTaxonomy {
        var taxonomy = EventTaxonomy()
        for record in try CSVRecordReader.tableRecords(atPath: path) {
            let f = record.fields
            guard f.count == 4, !f[0].isEmpty, !f[1].isEmpty else {
                throw FrontierError.malformed(file: path, line: record.line, reason: "expected source,event_type,sub_event_type,classes")
            }
            var classes: EventClasses = []
            for name in f[3].split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let c = EventClasses.names.first(where: { $0.0 == name })?.1 else {
                    throw FrontierError.malformed(file: path, line: record.line,
                                                  reason: "class '\(MessageText.escaped(name))' is not one of state-based, non-state, one-sided, unarmed")
                }
                classes.insert(c)
            }
            taxonomy.rows[Key(source: f[0].lowercased(), type: Self.folded(f[1]), subType: Self.folded(f[2]))] = classes
        }
        return taxonomy
    }

    /// The bundled taxonomy.
    /// - Throws: as `load`, when the file is missing from the GeoData folder or malformed.
    public static func bundled(_ geodata: GeoDataLocation) throws -> EventTaxonomy {
        try load(path: geodata.curated("event-taxonomy.csv").path)
    }

    /// The classes of an event of `source` with this type and sub-type; nil when the taxonomy does not know
    /// the type (the event may then be of any class).
    public func classes(source: String, type: String, subType: String) -> EventClasses? {
        let key = Key(source: source.lowercased(), type: Self.folded(type), subType: Self.folded(subType))
        if !key.subType.isEmpty, let c = rows[key] { return c }
        return rows[Key(source: key.source, type: key.type, subType: "")]
    }

    /// Case and surrounding spaces do not matter.
    private static func folded(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }
}

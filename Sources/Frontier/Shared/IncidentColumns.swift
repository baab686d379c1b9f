/// The columns of a per-incident answer (join, near): the input's, all or those chosen in that order, less
/// any the answer appends (its values replace the input's), then the appended ones.
public struct IncidentColumns: Sendable, Equatable {
    /// Positions in the input's header of the input columns written.
    public let kept: [Int]
    /// The columns the answer appends, after the kept ones.
    public let appended: [String]
    /// Input columns that have an appended column's name: this answer's values replace them.
    public let replaced: [String]
    /// Every input column is written, in the input's order (a row may then be copied through as it came).
    public let isWholeInput: Bool
    /// The header: the kept input columns' names, then the appended.
    public let names: [String]

    /// - Parameters:
    ///   - header: the input's columns.
    ///   - chosen: input column names to write, in this order (nil: all), matched as field names are.
    ///   - appended: the answer's own columns.
    ///   - missingAllowed: a chosen name the header lacks is left out rather than an error (one of several
    ///     inputs, whose chosen columns need only be in one of them).
    /// - Throws: `FrontierError.unknownColumn` for a chosen name not in the header (`file` names the input),
    ///   `.request(.columnNamedTwice)` for two spellings of one column.
    init(header: [String], file: String, chosen: [String]?, appended: [String], missingAllowed: Bool = false) throws {
        var positions: [Int]?
        if let chosen {
            var found: [Int] = []
            for name in chosen {
                guard let i = IncidentFields.column(name, in: header) else {
                    if missingAllowed { continue }
                    throw FrontierError.unknownColumn(file: file, column: name, found: header)
                }
                if found.contains(i) { throw FrontierError.request(.columnNamedTwice(header[i])) }
                found.append(i)
            }
            positions = found
        }
        let replacing = Set(appended)
        let candidates = positions ?? Array(header.indices)
        kept = candidates.filter { !replacing.contains(header[$0]) }
        replaced = kept.count == candidates.count ? [] : header.filter { replacing.contains($0) }
        self.appended = appended
        isWholeInput = positions == nil && kept.count == header.count
        names = kept.map { header[$0] } + appended
    }

    /// A row's values in `names` order: the incident's kept input values, then the answer's `appended` ones.
    public func values(of incident: Incident, appended: [PropertyValue]) -> [PropertyValue] {
        kept.map { incident.values[$0] } + appended
    }
}

/// A region as a per-incident answer labels it: id, country and name (for a grid cell, the name is its id).
public struct RegionLabel: Sendable, Equatable {
    /// The region's id (a cell's id for a grid).
    public var id: String
    /// ISO3 code of its country (a cell: the country holding its centre).
    public var country: String
    /// Its name (a cell: its id).
    public var name: String
    /// Its ISO code (`Region.code`; empty for a cell).
    public var code: String

    public init(id: String, country: String, name: String, code: String = "") {
        self.id = id
        self.country = country
        self.name = name
        self.code = code
    }

    init(_ region: Region) {
        self.init(id: region.id, country: region.country, name: region.name, code: region.code)
    }

    /// The region columns' names: the triple, and `region_code` when asked.
    static func columns(code: Bool) -> [String] { Region.labelColumns(code: code) }

    /// The values of the region columns (`columns(code:)`); empty strings for no region.
    static func values(_ label: RegionLabel?, code: Bool = false) -> [PropertyValue] {
        Region.labelValues(id: label?.id, country: label?.country, name: label?.name, code: label?.code, withCode: code)
    }
}

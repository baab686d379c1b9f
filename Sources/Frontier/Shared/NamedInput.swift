import Foundation

/// One input among several read together, and the name its incidents go under (`source`).
public struct NamedInput {
    /// The name the answer gives the input's incidents with `split` "source".
    public var name: String
    /// The input: its path, format and layout (detected from its header when not given).
    public var query: IncidentQuery

    /// - Parameters:
    ///   - name: what its incidents go under (`source`).
    ///   - query: the input, its format and layout.
    public init(name: String, query: IncidentQuery) {
        self.name = name
        self.query = query
    }

    /// Two or more inputs, each its own name.
    /// - Throws: `FrontierError.invalid` for fewer than two, or two with one name.
    static func checkSeveral(_ sources: [NamedInput]) throws {
        guard sources.count >= 2 else { throw FrontierError.invalid(file: "", reason: "reading several inputs needs two or more") }
        if let twice = Dictionary(grouping: sources.map(\.name), by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw FrontierError.invalid(file: "", reason: "two inputs are named '\(MessageText.escaped(twice))': give each its own name")
        }
    }

    /// Names for inputs given by path: each file's name, or the path as given where two files share a name;
    /// a database URL as messages show it (its password masked: a name is written into every row).
    public static func names(_ paths: [String]) -> [String] {
        let last = paths.map { DatabaseURL.isURL($0) ? DatabaseURL.displayName($0) : $0.split(separator: "/").last.map(String.init) ?? $0 }
        return zip(paths, last).map { path, name in last.filter { $0 == name }.count > 1 ? DatabaseURL.displayName(path) : name }
    }
}

extension NamedInput {
    /// The inputs with each store that holds several sources (ACLED's and UCDP's rows imported into one
    /// GeoPackage) standing for one input per source, in the store's order, named as the store names them:
    /// each source is read under its own layout and its ids are checked on their own. Other inputs are as given.
    /// - Throws: the errors of opening a store for reading.
    public static func expanding(_ inputs: [NamedInput]) throws -> [NamedInput] {
        try inputs.flatMap { input -> [NamedInput] in
            guard input.query.format == .gpkg, input.query.storeSource == nil, input.query.rows == nil else { return [input] }
            let sources = try IncidentStore.openForReading(input.query.path).sources
            guard sources.count > 1 else { return [input] }
            return sources.map { source in
                var query = input.query
                query.storeSource = source.name
                return NamedInput(name: source.name, query: query)
            }
        }
    }

}

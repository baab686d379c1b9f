import ArgumentParser
import Frontier

/// `--store-source NAME`: one source of a store holding several (ACLED's and UCDP's rows), read alone. The
/// reading commands take it; `import` reads no store.
struct StoreSourceOptions: ParsableArguments {
    @Option(name: .customLong("store-source"),
            help: ArgumentHelp("A store holding several sources (ACLED's and UCDP's rows): read only the source of this name, as store info lists them (default: each, as an input of its own).", valueName: "name"))
    var name: String?

    /// `query` reading only the chosen source when its input is a store.
    func applied(to query: IncidentQuery) -> IncidentQuery {
        var q = query
        if q.format.isDatabase { q.storeSource = name }
        return q
    }

    /// The source chosen in each store among `inputs`.
    /// - Throws: `UsageError` when a source is named and no input is a store.
    func applied(to inputs: [NamedInput]) throws -> [NamedInput] {
        guard name != nil else { return inputs }
        guard inputs.contains(where: { $0.query.format.isDatabase }) else {
            throw UsageError("--store-source picks one source of a store read: no input here is a store")
        }
        return inputs.map { NamedInput(name: $0.name, query: applied(to: $0.query)) }
    }
}

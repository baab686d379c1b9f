import Foundation
import Frontier

/// Diagnostics go to stderr, never stdout. A closed or full stderr loses the note, never the run.
enum Diagnostics {
    /// Prints one message; whatever control characters a value brought into it are shown escaped.
    static func note(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data((MessageText.printable(message) + "\n").utf8))
    }

    /// A request's notice, in the words the command line has always used for it.
    static func note(_ notice: RequestNotice) {
        switch notice {
        case .repaired(let repair):
            note("repaired: \(repair)")
        case .readAs(let name, let id, let regionName):
            note("notice: '\(MessageText.escaped(name))' is read as \(MessageText.escaped(id)) (\(MessageText.escaped(regionName)))")
        case .noIncidentMatched:
            note("notice: no incident matched: the map shows the region with no marks")
        case .alsoPartOf(let name, let id, let others):
            let ids = others.map(MessageText.escaped).joined(separator: ", ")
            note("notice: '\(MessageText.escaped(name))' is read as \(MessageText.escaped(id)); it is also part of the name of \(ids): give the id to mean \(others.count == 1 ? "that region" : "one of those")")
        case .chosenBeyondZone(let ids, let zone, let within):
            note("notice: --region \(ids.map(MessageText.escaped).joined(separator: ", ")) \(ids.count == 1 ? "lies" : "lie") beyond the zone of --near "
                 + "\(MessageText.escaped(zone)) --within \(within) (or off the sides kept): no incident there is counted, and --fill lists no series for \(ids.count == 1 ? "it" : "them")")
        case .noActorColumns(let file):
            note("notice: \(MessageText.escaped(file)) has no actor column (actor1, actor2, assoc_actor_1, assoc_actor_2, side_a, side_b, gwnoa, gwnob): "
                 + "no actor of it is placed in a country, and none is across the border")
        }
    }
}

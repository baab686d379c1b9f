import Foundation

/// A PostgreSQL/PostGIS incident table named the way libpq names a server, plus the table:
/// `postgresql://user:secret@host:5432/db?table=incidents&sslmode=require`. Every parameter but `table`
/// goes to libpq as given (TLS options such as sslmode, sslrootcert pass through); parts left out come
/// from libpq's `PG*` environment variables (`postgresql:///?table=incidents` uses PGHOST, PGDATABASE, …).
/// The password never appears in a message: `masked` prints it as `***`.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// What libpq connects with: the URL without `table`.
    public let connectionString: String
    /// The incident table (default `incidents`), optionally schema-qualified (`analysts.incidents`).
    public let table: String
    /// The URL with any password replaced by `***`: the only form that is ever printed.
    public let masked: String

    public static let schemes = ["postgresql://", "postgres://"]

    /// Whether `text` names a database rather than a file.
    public static func isURL(_ text: String) -> Bool {
        schemes.contains { text.lowercased().hasPrefix($0) }
    }

    public init(_ text: String) throws {
        guard DatabaseURL.isURL(text) else {
            throw FrontierError.invalid(file: DatabaseURL.mask(text), reason: "is not a PostgreSQL URL: expected postgresql://user@host:port/db?table=incidents")
        }
        let masked = DatabaseURL.mask(text)
        var base = text
        var query: [String] = []
        if let q = text.firstIndex(of: "?") {
            base = String(text[..<q])
            query = text[text.index(after: q)...].split(separator: "&", omittingEmptySubsequences: true).map(String.init)
        }
        var table = "incidents"
        var passed: [String] = []
        for item in query {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first == "table" {
                let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
                table = value
            } else {
                passed.append(item)
            }
        }
        try DatabaseURL.checkTable(table, url: masked)
        self.table = table
        self.masked = masked
        connectionString = base + (passed.isEmpty ? "" : "?" + passed.joined(separator: "&"))
    }

    public var description: String { masked }

    /// The table as a quoted SQL identifier (each part quoted: a schema may name it).
    public var quotedTable: String { table.split(separator: ".").map { PGConnection.quote(identifier: String($0)) }.joined(separator: ".") }

    /// A name for a companion object (index, metadata key) derived from the table: letters, digits and _.
    public var tableKey: String { String(table.map { $0.isLetter || $0.isNumber ? $0 : "_" }) }

    /// One or two parts (schema.table) of letters, digits and _, starting with a letter or _: what a table
    /// name in a URL is expected to be (quoted everywhere anyway; this catches typos and pasted SQL).
    private static func checkTable(_ table: String, url: String) throws {
        let parts = table.split(separator: ".", omittingEmptySubsequences: false)
        let valid = (1...2).contains(parts.count) && parts.allSatisfy { part in
            guard let first = part.first, first.isLetter || first == "_", part.count <= 63 else { return false }
            return part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }
        guard valid else {
            throw FrontierError.invalid(file: url, reason: "table '\(table)' is not a table name: letters, digits and _ (schema.table allowed), at most 63 each")
        }
    }

    /// How an input is named in messages: a database URL masked, a file path as it is.
    public static func displayName(_ path: String) -> String { isURL(path) ? mask(path) : path }

    /// `text` with the password of its user-info part replaced by `***`, and any `password=` parameter too.
    public static func mask(_ text: String) -> String {
        var out = text
        if let scheme = schemes.first(where: { text.lowercased().hasPrefix($0) }) {
            let rest = text.dropFirst(scheme.count)
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out = String(text.prefix(scheme.count)) + authority[..<colon] + ":***" + authority[at...] + rest[authorityEnd...]
            }
        }
        // A password given as a parameter (?password=…) is hidden as well.
        if let range = out.range(of: "password=", options: .caseInsensitive) {
            let end = out[range.upperBound...].firstIndex(where: { $0 == "&" || $0 == " " }) ?? out.endIndex
            out.replaceSubrange(range.upperBound..<end, with: "***")
        }
        return out
    }
}

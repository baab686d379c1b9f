import Foundation
import FrontierBase

/// A PostgreSQL/PostGIS incident table named the way libpq names a server, plus the table:
/// `postgresql://user:secret@host:5432/db?table=incidents&sslmode=require`. Every parameter but `table`
/// goes to libpq as given (TLS options such as sslmode, sslrootcert pass through); parts left out come
/// from libpq's `PG*` environment variables (`postgresql:///?table=incidents` uses PGHOST, PGDATABASE, …).
///
/// The URL is taken apart here and handed to libpq as keywords, never as a URI: libpq's own URI parser
/// quotes the text it cannot parse in its messages, password included. The password never appears in a
/// message: `masked` prints it as `***`, and `scrub` removes it from any text a server or libpq returns.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// What libpq connects with, as keyword/value pairs (`host`, `port`, `user`, `password`, `dbname` and
    /// the URL's parameters but `table`), percent-decoded; parts the URL leaves out are absent.
    public let keywords: [(String, String)]
    /// The incident table (default `incidents`), optionally schema-qualified (`analysts.incidents`).
    public let table: String
    /// The URL with any password replaced by `***`: the only form that is ever printed.
    public let masked: String
    /// The password as given and as decoded, for `scrub`.
    private let secrets: [String]

    public static let schemes = ["postgresql://", "postgres://"]

    /// Whether `text` names a database rather than a file.
    public static func isURL(_ text: String) -> Bool {
        schemes.contains { text.lowercased().hasPrefix($0) }
    }

    /// Parses a `postgresql://` URL (RFC 3986, as libpq documents its connection URIs).
    ///
    /// - Parameter text: the URL as the user gave it.
    /// - Throws: `FrontierError.invalid` naming the masked URL when it is not a PostgreSQL URL, holds a
    ///   malformed part (an unclosed `[` host, a port that is not a number, a bad `%` escape) or names no table.
    public init(_ text: String) throws {
        guard let scheme = DatabaseURL.schemes.first(where: { text.lowercased().hasPrefix($0) }) else {
            throw FrontierError.invalid(file: DatabaseURL.mask(text), reason: "is not a PostgreSQL URL: expected postgresql://user@host:port/db?table=incidents")
        }
        let masked = DatabaseURL.mask(text)
        func bad(_ what: String) -> FrontierError {
            FrontierError.invalid(file: masked, reason: "is not a PostgreSQL URL: \(what) (expected postgresql://user@host:port/db?table=incidents)")
        }
        func decoded(_ part: Substring, _ what: String) throws -> String {
            guard let value = String(part).removingPercentEncoding else { throw bad("the \(what) holds an invalid %-escape") }
            return value
        }
        let rest = text.dropFirst(scheme.count)
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var keywords: [(String, String)] = []
        var secrets: [String] = []
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let colon = userInfo.firstIndex(of: ":")
            let user = try decoded(userInfo[..<(colon ?? userInfo.endIndex)], "user name")
            if !user.isEmpty { keywords.append(("user", user)) }
            if let colon {
                let raw = userInfo[userInfo.index(after: colon)...]
                let password = try decoded(raw, "password")
                secrets = [String(raw), password].filter { !$0.isEmpty }
                keywords.append(("password", password))
            }
        }
        var hosts: [String] = [], ports: [String] = []
        if !authority.isEmpty {
            for item in authority.split(separator: ",", omittingEmptySubsequences: false) {
                var host = item[...], port: Substring = ""
                if host.hasPrefix("[") {
                    guard let close = host.firstIndex(of: "]") else { throw bad("a host in [ ] is not closed by ]") }
                    let after = host[host.index(after: close)...]
                    host = host[host.index(after: host.startIndex)..<close]
                    if !after.isEmpty {
                        guard after.hasPrefix(":") else { throw bad("text after a host's closing ]") }
                        port = after.dropFirst()
                    }
                } else if let colon = host.lastIndex(of: ":") {
                    port = host[host.index(after: colon)...]
                    host = host[..<colon]
                }
                guard port.allSatisfy(\.isASCII) && port.allSatisfy(\.isNumber) else { throw bad("a port is not a number") }
                hosts.append(try decoded(host, "host"))
                ports.append(String(port))
            }
        }
        if hosts.contains(where: { !$0.isEmpty }) { keywords.append(("host", hosts.joined(separator: ","))) }
        if ports.contains(where: { !$0.isEmpty }) { keywords.append(("port", ports.joined(separator: ","))) }
        var path = rest[authorityEnd...]
        var query: Substring = ""
        if let q = path.firstIndex(of: "?") {
            query = path[path.index(after: q)...]
            path = path[..<q]
        }
        let dbname = try decoded(path.drop(while: { $0 == "/" }), "database name")
        if !dbname.isEmpty { keywords.append(("dbname", dbname)) }
        var table = "incidents"
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decoded(parts[0], "parameter name")
            let value = parts.count > 1 ? try decoded(parts[1], "parameter \(key)") : ""
            if key == "table" { table = value; continue }
            if key == "password", !value.isEmpty { secrets.append(value); secrets.append(String(parts[1])) }
            keywords.append((key, value))
        }
        try DatabaseURL.checkTable(table, url: masked)
        self.table = table
        self.masked = masked
        self.keywords = keywords
        self.secrets = secrets
    }

    public static func == (a: DatabaseURL, b: DatabaseURL) -> Bool {
        a.masked == b.masked && a.table == b.table && a.secrets == b.secrets
            && a.keywords.elementsEqual(b.keywords, by: { $0 == $1 })
    }

    /// `text` (a message from libpq or the server) with the password, as given and decoded, replaced by `***`.
    public func scrub(_ text: String) -> String {
        secrets.sorted { $0.count > $1.count }.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
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

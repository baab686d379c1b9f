import CLibPQ
import Foundation
import FrontierBase

/// One connection to a PostgreSQL server through libpq: opened once, closed once (`PQfinish` in deinit),
/// used from one thread. Values reach SQL only as bound parameters and identifiers are quoted; messages
/// name the server by its masked URL, so a password is never printed.
final class PGConnection {
    let url: DatabaseURL
    private let handle: OpaquePointer

    /// The libpq this process runs on, as PostgreSQL spells its versions (`15.10`; 90000-style numbers
    /// before 10 as `9.6`), for version reports: the client library, not any server's.
    static var libraryVersion: String {
        let number = Int(PQlibVersion())
        return number >= 100_000 ? "\(number / 10_000).\(number % 10_000)" : "\(number / 10_000).\(number / 100 % 100)"
    }

    init(_ url: DatabaseURL) throws {
        guard let handle = PGConnection.connect(url.keywords) else {
            throw FrontierError.database(database: url.masked, reason: "cannot connect: libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = url.scrub(PGConnection.oneLine(String(cString: PQerrorMessage(handle))))
            PQfinish(handle)
            throw FrontierError.database(database: url.masked, reason: "cannot connect: \(message)")
        }
        self.handle = handle
        self.url = url
        // Text as UTF-8, dates as YYYY-MM-DD, floats printed so they read back as the same double.
        try execute("SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3; SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    /// Opens a connection from keyword/value pairs (`expand_dbname` off: no value is read as a URI).
    private static func connect(_ pairs: [(String, String)]) -> OpaquePointer? {
        let strings = pairs.flatMap { [strdup($0.0), strdup($0.1)] }
        defer { for s in strings { free(s) } }
        var keys: [UnsafePointer<CChar>?] = stride(from: 0, to: strings.count, by: 2).map { UnsafePointer(strings[$0]) }
        var values: [UnsafePointer<CChar>?] = stride(from: 1, to: strings.count, by: 2).map { UnsafePointer(strings[$0]) }
        keys.append(nil)
        values.append(nil)
        return PQconnectdbParams(keys, values, 0)
    }

    /// Runs `sql` (several statements when there are no parameters); `parameters` are bound as text ($1…).
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws -> PGResult {
        let result: OpaquePointer?
        if parameters.isEmpty {
            result = PQexec(handle, sql)
        } else {
            let copies = parameters.map { $0.map { UnsafePointer(strdup($0)) } ?? nil }
            defer { for c in copies { free(UnsafeMutablePointer(mutating: c)) } }
            result = copies.withUnsafeBufferPointer {
                PQexecParams(handle, sql, Int32(parameters.count), nil, $0.baseAddress, nil, nil, 0)
            }
        }
        return try checked(result)
    }

    /// Sends `sql` without waiting for its result (`receive` gets it): the server works meanwhile.
    func send(_ sql: String) throws {
        guard PQsendQuery(handle, sql) == 1 else { throw libpqFailure() }
    }

    /// The result of what `send` (or a COPY) sent: every result libpq has is read, so the connection is ready
    /// for the next command; the first failure is thrown.
    func receive() throws -> PGResult {
        var result: PGResult?
        var problem: Error?
        while let raw = PQgetResult(handle) {
            do { let r = try checked(raw); if result == nil { result = r } } catch { problem = problem ?? error }
        }
        if let problem { throw problem }
        guard let result else { throw libpqFailure() }
        return result
    }

    /// The first column of the first row, as text (nil: no row, or NULL).
    func scalar(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        let r = try execute(sql, parameters)
        return r.rows > 0 ? r.text(0, 0) : nil
    }

    /// The first column of the first row as an integer (a count); 0 when there is none.
    func integer(_ sql: String, _ parameters: [String?] = []) throws -> Int {
        Int(try scalar(sql, parameters) ?? "") ?? 0
    }

    /// All of `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// `COPY … FROM STDIN`: `body` hands the data to the writer in pieces; the rows the server took are
    /// returned. If `body` throws, the copy is abandoned (the server discards it) and the error passes on.
    func copyIn(_ sql: String, _ body: (PGCopyWriter) throws -> Void) throws -> Int {
        _ = try checked(PQexec(handle, sql), expecting: PGRES_COPY_IN)
        do {
            try body(PGCopyWriter(connection: self))
        } catch {
            _ = PQputCopyEnd(handle, "abandoned by frontier")
            _ = try? receive()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw libpqFailure() }
        // The copy's outcome; every result is collected so the connection is ready for the next command.
        return try receive().affectedRows
    }

    fileprivate func putCopyData(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw libpqFailure() }
    }

    /// A cursor over the rows of `sql`, read a batch at a time (memory holds one batch, whatever the
    /// table's size). It runs in a transaction of its own; nothing else may be sent until it is done.
    func rows(_ sql: String, _ parameters: [String?]) throws -> PGRowStream {
        try PGRowStream(connection: self, sql: sql, parameters: parameters)
    }

    /// A result that succeeded, owned; otherwise the server's message, as Frontier's error.
    private func checked(_ raw: OpaquePointer?, expecting: ExecStatusType? = nil) throws -> PGResult {
        guard let raw else { throw libpqFailure() }
        let result = PGResult(raw)
        let status = PQresultStatus(raw)
        let fine = expecting.map { status == $0 } ?? (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        guard fine else {
            let message = url.scrub(PGConnection.oneLine(String(cString: PQresultErrorMessage(raw))))
            throw failure(message.isEmpty ? "unexpected result \(status)" : message)
        }
        return result
    }

    /// What went wrong with the connection itself (libpq's own message).
    private func libpqFailure() -> FrontierError {
        failure(url.scrub(PGConnection.oneLine(String(cString: PQerrorMessage(handle)))))
    }

    /// The server's or libpq's message, naming the masked URL, and saying so when the connection broke
    /// (the server went away): then nothing of an open transaction was committed.
    private func failure(_ message: String) -> FrontierError {
        .database(database: url.masked, reason: PQstatus(handle) == CONNECTION_OK ? message
                  : "lost the connection to the server (\(message)); nothing of this command was committed")
    }

    /// libpq's messages span lines ("…failed: Connection refused\n\tIs the server running…"): one line, and
    /// no password even if one was echoed.
    static func oneLine(_ message: String) -> String {
        DatabaseURL.mask(message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; "))
    }

    /// An SQL identifier in double quotes, any quote doubled.
    static func quote(identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Where a `COPY … FROM STDIN` sends its data while it runs.
final class PGCopyWriter {
    private let connection: PGConnection
    fileprivate init(connection: PGConnection) { self.connection = connection }
    func send(_ bytes: [UInt8]) throws { try connection.putCopyData(bytes) }
}

/// The rows of one query through a server-side cursor, `batchSize` rows per FETCH, the next FETCH sent before
/// the current batch is decoded so the server reads while Frontier works (waiting for each FETCH cost a
/// third of the time; one result per row, libpq's single-row mode, cost memory: 157 MB at 5M rows). The
/// cursor lives in a read-only transaction that ends with the last row, or when the stream is given up.
final class PGRowStream {
    private let connection: PGConnection
    private var batch: PGResult?
    private var index = 0
    /// A FETCH is on its way: its result must be read before anything else is sent.
    private var pending = false
    private var finished = false
    static let batchSize = 5_000
    private static let fetch = "FETCH FORWARD \(batchSize) FROM frontier_rows"

    fileprivate init(connection: PGConnection, sql: String, parameters: [String?]) throws {
        self.connection = connection
        try connection.execute("BEGIN READ ONLY")
        do {
            try connection.execute("DECLARE frontier_rows NO SCROLL CURSOR FOR " + sql, parameters)
            try connection.send(PGRowStream.fetch)
            pending = true
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    deinit {
        guard !finished else { return }
        if pending { _ = try? connection.receive() }
        _ = try? connection.execute("ROLLBACK")
    }

    /// The next row: a result and the row's index in it; nil at the end.
    func next() throws -> (result: PGResult, row: Int)? {
        guard !finished else { return nil }
        if let batch, index < batch.rows {
            defer { index += 1 }
            return (batch, index)
        }
        pending = false
        let fetched = try connection.receive()
        guard fetched.rows > 0 else {
            finished = true
            batch = nil
            try connection.execute("CLOSE frontier_rows; COMMIT")
            return nil
        }
        // The next batch is asked for now; this one is decoded while the server reads it.
        try connection.send(PGRowStream.fetch)
        pending = true
        batch = fetched
        index = 1
        return (fetched, 0)
    }
}

/// One libpq result, cleared once (`PQclear` in deinit).
final class PGResult {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }
    deinit { PQclear(handle) }

    var rows: Int { Int(PQntuples(handle)) }
    /// Rows a command changed or copied (`PQcmdTuples`).
    var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(handle, Int32(row), Int32(column)) == 1 }

    func text(_ row: Int, _ column: Int) -> String? {
        isNull(row, column) ? nil : String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }

    func double(_ row: Int, _ column: Int) -> Double? { text(row, column).flatMap(Double.init) }
}

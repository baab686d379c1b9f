import CSQLite
import Foundation
import FrontierBase

/// A value bound to a SQL parameter.
package enum SQLValue {
    case text(String)
    case integer(Int64)
    case real(Double)
    case blob([UInt8])
    case null
}

/// A thin owner of one `sqlite3*` connection: opened once, closed once. Values reach SQL only as bound
/// parameters; identifiers only through `SQLiteDatabase.quote(identifier:)`.
package final class SQLiteDatabase {
    package let path: String
    /// The file as messages name it: `path`, or the name a file written beside its final name will have.
    package let name: String
    /// The connection; owned here, closed in deinit. Internal only so the GeoPackage SQL functions can be registered on it.
    package let handle: OpaquePointer

    /// The SQLite library this process runs on (`3.40.1`), for version reports.
    package static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    /// Opens an existing file read-only (never creates or changes it).
    package init(readOnly path: String) throws {
        self.path = path
        name = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw FrontierError.cannotOpen(file: path)
        }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open (code \(rc))"
            sqlite3_close_v2(db)
            throw FrontierError.invalid(file: path, reason: message)
        }
        self.handle = db
    }

    /// Opens a file for reading and writing, creating it when `create` is set. `name` is what messages call it
    /// (the path when nil).
    package init(readWrite path: String, create: Bool, name: String? = nil) throws {
        self.path = path
        self.name = name ?? path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0)
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open (code \(rc))"
            sqlite3_close_v2(db)
            throw FrontierError.invalid(file: self.name, reason: message)
        }
        self.handle = db
    }

    private var closed = false

    deinit {
        if !closed { sqlite3_close_v2(handle) }
    }

    /// Closes the connection now (every statement must be gone): whatever it wrote is in the file when this
    /// returns. The object is unusable after.
    package func close() throws {
        guard !closed else { return }
        guard sqlite3_close(handle) == SQLITE_OK else { throw failure() }
        closed = true
    }

    /// The rowid of the last INSERT on this connection.
    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    package var changes: Int { Int(sqlite3_changes(handle)) }

    /// Waits up to `milliseconds` for another connection's lock instead of failing at once.
    package func busyTimeout(_ milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it is committed, or none of it.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The first column of the first row, as text (nil when there is no row or it is NULL).
    package func scalar(_ sql: String, bind values: [SQLValue] = []) throws -> String? {
        let stmt = try prepare(sql)
        for (i, v) in values.enumerated() { try stmt.bind(v, at: Int32(i + 1)) }
        guard try stmt.step() else { return nil }
        return stmt.text(0)
    }

    /// Runs SQL without results (DDL, pragmas); several statements allowed.
    package func execute(_ sql: String) throws {
        guard !closed else { throw closedFailure() }
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    /// Runs one statement with bound values (text, integers, reals, blobs, nulls).
    package func run(_ sql: String, _ values: [SQLValue]) throws {
        let stmt = try prepare(sql)
        for (i, v) in values.enumerated() { try stmt.bind(v, at: Int32(i + 1)) }
        _ = try stmt.step()
    }

    /// `"name"` with embedded quotes doubled: safe to splice into SQL as an identifier.
    package static func quote(identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    package func prepare(_ sql: String) throws -> Statement {
        guard !closed else { throw closedFailure() }
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw failure()
        }
        return Statement(database: self, handle: stmt)
    }

    /// Runs a query and collects each row with `row`.
    package func query<T>(_ sql: String, bind values: [String] = [], _ row: (Statement) throws -> T) throws -> [T] {
        let stmt = try prepare(sql)
        for (i, v) in values.enumerated() { try stmt.bind(v, at: Int32(i + 1)) }
        var result: [T] = []
        while try stmt.step() { result.append(try row(stmt)) }
        return result
    }

    /// Using a connection after `close` (a new store whose import failed): an error, never a dangling handle.
    private func closedFailure() -> FrontierError {
        .invalid(file: name, reason: "its connection was closed after a failed write; open it again")
    }

    /// The connection's last error. SQLite opens any file and only a first read tells it is not a database:
    /// that case is said plainly, for every caller.
    fileprivate func failure() -> FrontierError {
        if sqlite3_errcode(handle) == SQLITE_NOTADB { return .invalid(file: name, reason: "is not a SQLite database file") }
        return .invalid(file: name, reason: String(cString: sqlite3_errmsg(handle)))
    }

    /// The names of the file's tables and views (the first read: see `failure`).
    package func tableNames() throws -> Set<String> {
        Set(try query("SELECT name FROM sqlite_master WHERE type IN ('table','view')") { $0.text(0) ?? "" })
    }

    /// One prepared statement; finalized once in `deinit`. Keeps its connection alive.
    package final class Statement {
        private let database: SQLiteDatabase
        private let handle: OpaquePointer

        fileprivate init(database: SQLiteDatabase, handle: OpaquePointer) {
            self.database = database
            self.handle = handle
        }

        deinit {
            sqlite3_finalize(handle)
        }

        /// Clears bindings' effects so the statement can run again with new values.
        package func reset() {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }

        func bind(_ value: String, at index: Int32) throws {
            try bind(.text(value), at: index)
        }

        package func bind(_ value: SQLValue, at index: Int32) throws {
            // SQLITE_TRANSIENT: SQLite copies text and blobs before the call returns.
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            let rc: Int32
            switch value {
            case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, transient)
            case .integer(let i): rc = sqlite3_bind_int64(handle, index, i)
            case .real(let d): rc = sqlite3_bind_double(handle, index, d)
            case .null: rc = sqlite3_bind_null(handle, index)
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient) }
            }
            guard rc == SQLITE_OK else { throw database.failure() }
        }

        /// Binds `row`'s columns to the parameters from `first` on, runs `body` (which steps the statement, and
        /// may bind parameters after the row's), then resets the statement and clears every binding. Text and
        /// blobs are bound in place (SQLITE_STATIC): SQLite reads them while `body` runs, and no binding outlives
        /// the row's buffer.
        package func withBinding<R>(_ row: PackedSQLRow, from first: Int32 = 1, _ body: () throws -> R) throws -> R {
            try row.withValues { values in
                sqlite3_reset(handle)
                defer { reset() }
                for k in 0..<values.count { try bind(values, column: k, at: first + Int32(k)) }
                return try body()
            }
        }

        /// As `withBinding`, with every row's columns bound one row after the other from parameter 1: a
        /// statement inserting several rows at once (`VALUES (…), (…)`), whose setup is paid once for all.
        package func withBinding<R>(_ rows: ArraySlice<PackedSQLRow>, _ body: () throws -> R) throws -> R {
            sqlite3_reset(handle)
            defer { reset() }
            // Each row's bytes are borrowed for as long as the statement runs: bound inside its own closure,
            // the next row inside that, the body innermost.
            func bind(from i: Int, parameter: Int32) throws -> R {
                guard i < rows.endIndex else { return try body() }
                return try rows[i].withValues { values in
                    for k in 0..<values.count { try self.bind(values, column: k, at: parameter + Int32(k)) }
                    return try bind(from: i + 1, parameter: parameter + Int32(values.count))
                }
            }
            return try bind(from: rows.startIndex, parameter: 1)
        }

        /// As `withBinding`, with one column of `row` bound to parameter `index`.
        package func withBinding<R>(_ row: PackedSQLRow, column: Int, at index: Int32, _ body: () throws -> R) throws -> R {
            try row.withValues { values in
                sqlite3_reset(handle)
                defer { reset() }
                try bind(values, column: column, at: index)
                return try body()
            }
        }

        private func bind(_ values: PackedSQLRow.Values, column k: Int, at index: Int32) throws {
            // SQLITE_STATIC: the bytes stay where they are until the caller's reset.
            let rc: Int32
            switch values.kind(k) {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .integer: rc = sqlite3_bind_int64(handle, index, values.integer(k))
            case .real: rc = sqlite3_bind_double(handle, index, values.real(k))
            case .text:
                let bytes = values.bytes(k)
                rc = bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, Int32(bytes.count), nil) }
            case .blob:
                let bytes = values.bytes(k)
                rc = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), nil)
            }
            guard rc == SQLITE_OK else { throw database.failure() }
        }

        /// Whether column `i` of the current row is text equal to `utf8` (compared in place, no String made).
        package func textEquals(_ i: Int32, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let p = sqlite3_column_text(handle, i) else { return false }
            let n = Int(sqlite3_column_bytes(handle, i))
            return n == utf8.count && (n == 0 || memcmp(p, utf8.baseAddress!, n) == 0)
        }

        /// Advances; false when there are no more rows.
        package func step() throws -> Bool {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            default: throw database.failure()
            }
        }

        var columnCount: Int32 { sqlite3_column_count(handle) }

        func columnName(_ i: Int32) -> String { String(cString: sqlite3_column_name(handle, i)) }

        package func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }

        package func int(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

        package func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }

        package func text(_ i: Int32) -> String? {
            guard let p = sqlite3_column_text(handle, i) else { return nil }
            return String(cString: p)
        }

        /// The column as a typed value (integers and reals stay numbers).
        func value(_ i: Int32) -> PropertyValue {
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: return .int(int(i))
            case SQLITE_FLOAT: return .double(double(i))
            case SQLITE_NULL: return .null
            default: return .string(text(i) ?? "")
            }
        }

        /// Borrows the blob's bytes for the duration of `body` (no copy).
        func withBlob<T>(_ i: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
            let count = Int(sqlite3_column_bytes(handle, i))
            let base = sqlite3_column_blob(handle, i)
            return try body(UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : count))
        }
    }
}

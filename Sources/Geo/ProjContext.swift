import CPROJ
#if canImport(Glibc)
import Glibc
#endif

/// One PROJ threading context (`PJ_CONTEXT*`), owned here and destroyed once in `deinit`.
///
/// PROJ objects made with a context must only be used on that context's thread: one context per worker.
/// PROJ's log messages are captured so failures can throw `GeoError.proj` with PROJ's own words.
public final class ProjContext {
    let handle: OpaquePointer
    /// What PROJ logged since the last `clearMessages()`, oldest first.
    private(set) var messages: [String] = []

    /// False: PROJ's database is never opened (`withoutDatabase()`).
    public let usesDatabase: Bool

    /// Throws when PROJ cannot allocate a context (it returns NULL only when memory runs out).
    public convenience init() throws {
        try self.init(usesDatabase: true)
    }

    private init(usesDatabase: Bool) throws {
        guard let handle = proj_context_create() else {
            throw GeoError.proj("proj_context_create returned NULL (out of memory)")
        }
        self.handle = handle
        self.usesDatabase = usesDatabase
        proj_log_level(handle, PJ_LOG_ERROR)
        proj_log_func(handle, Unmanaged.passUnretained(self).toOpaque()) { userdata, _, message in
            guard let userdata, let message else { return }
            let context = Unmanaged<ProjContext>.fromOpaque(userdata).takeUnretainedValue()
            let text = String(cString: message)
            // Without a database, PROJ says so at each object it makes; that is by design here, not an error.
            if !context.usesDatabase, text.contains("proj.db") { return }
            context.messages.append(text)
        }
        if !usesDatabase {
            // PROJ has no switch to leave its database closed, only where to look for it: under /dev/null,
            // which is no directory, there is none. (PROJ still tries its per-user directory first.)
            var path = strdup("/dev/null")
            defer { free(path) }
            withUnsafePointer(to: &path) { paths in
                paths.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: 1) { proj_context_set_search_paths(handle, 1, $0) }
            }
        }
    }

    /// A context that never opens PROJ's database (proj.db), for PROJ strings on WGS84 alone
    /// (`Transformer(fromLonLatTo:)`), which PROJ makes from its built-in tables: the same numbers, bit for
    /// bit. PROJ opens the database at a context's first `proj_create` whatever the string, and that was
    /// about 5 ms (SQLite reading proj.db's schema) of every one-row `buffer` and `map`, once per thread.
    /// A CRS by name or code (`Transformer(from:to:)`) cannot be made with it.
    /// - Throws: as `init()`.
    public static func withoutDatabase() throws -> ProjContext {
        try ProjContext(usesDatabase: false)
    }

    deinit {
        proj_context_destroy(handle)
    }

    /// The PROJ library version, e.g. "9.1.1".
    public static var version: String { String(cString: proj_info().version) }

    func clearMessages() {
        messages.removeAll()
    }

    /// The error to throw after a PROJ call failed: what PROJ logged, else its text for the errno.
    func failure(_ operation: String, object: OpaquePointer? = nil) -> GeoError {
        var detail = messages
        if detail.isEmpty {
            let code = object.map { proj_errno($0) } ?? proj_context_errno(handle)
            if code != 0, let text = proj_context_errno_string(handle, code) { detail.append(String(cString: text)) }
        }
        return .proj(([operation] + detail).joined(separator: ": "))
    }
}

import CGEOS

/// One GEOS reentrant context handle, owned here and finished once in `deinit`.
///
/// GEOS handles are not thread-safe: a context, and every geometry made with it, belongs to one thread
/// at a time. Create one context per worker. Geometries keep their context alive.
/// Errors and notices GEOS reports through its handlers are kept here so a failing call can throw
/// `GeoError.geos` with GEOS's own message.
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// The last error message GEOS reported on this context; cleared before each checked call.
    private(set) var lastError: String?
    /// The last notice (GEOS uses notices for e.g. the reason a geometry is invalid while reading).
    private(set) var lastNotice: String?

    /// Throws when GEOS cannot allocate a context (GEOS_init_r returns NULL only when malloc fails).
    public init() throws {
        guard let handle = GEOS_init_r() else {
            throw GeoError.geos("GEOS_init_r returned NULL (out of memory)")
        }
        self.handle = handle
        let me = Unmanaged.passUnretained(self).toOpaque()
        GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let userdata else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            context.lastError = message.map { String(cString: $0) } ?? "unknown GEOS error"
        }, me)
        GEOSContext_setNoticeMessageHandler_r(handle, { message, userdata in
            guard let userdata else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            context.lastNotice = message.map { String(cString: $0) }
        }, me)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The GEOS library version, e.g. "3.11.1-CAPI-1.17.1".
    public static var version: String { String(cString: GEOSversion()) }

    func clearMessages() {
        lastError = nil
        lastNotice = nil
    }

    /// Throws unless `other` is this context: GEOS objects of two contexts (two threads) are never combined.
    /// - Throws: `GeoError.invalidArgument`.
    func requireSame(_ other: GEOSContext) throws {
        guard other === self else { throw GeoError.invalidArgument("geometries from different GEOS contexts cannot be combined") }
    }

    /// Records an error found on the Swift side of a call, so the checked call reports it.
    func noteError(_ message: String) {
        lastError = message
    }

    /// The error to throw after a GEOS call signalled failure.
    func failure(_ operation: String) -> GeoError {
        let message = lastError ?? lastNotice ?? "\(operation) failed"
        return .geos(message)
    }

    /// Runs a GEOS call that returns a new object or NULL on failure.
    func checked<T>(_ operation: String, _ body: () -> T?) throws -> T {
        clearMessages()
        guard let result = body() else { throw failure(operation) }
        return result
    }

    /// Runs a GEOS predicate returning `char`: 1 true, 0 false, 2 error.
    func predicate(_ operation: String, _ body: () -> CChar) throws -> Bool {
        clearMessages()
        switch body() {
        case 1: return true
        case 0: return false
        default: throw failure(operation)
        }
    }

    /// Runs a GEOS call returning `int` where 0 signals an error.
    func status(_ operation: String, _ body: () -> Int32) throws {
        clearMessages()
        if body() == 0 { throw failure(operation) }
    }
}

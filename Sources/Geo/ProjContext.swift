import CPROJ

/// One PROJ threading context (`PJ_CONTEXT*`), owned here and destroyed once in `deinit`.
///
/// PROJ objects made with a context must only be used on that context's thread: one context per worker.
/// PROJ's log messages are captured so failures can throw `GeoError.proj` with PROJ's own words.
public final class ProjContext {
    let handle: OpaquePointer
    /// What PROJ logged since the last `clearMessages()`, oldest first.
    private(set) var messages: [String] = []

    /// Throws when PROJ cannot allocate a context (it returns NULL only when memory runs out).
    public init() throws {
        guard let handle = proj_context_create() else {
            throw GeoError.proj("proj_context_create returned NULL (out of memory)")
        }
        self.handle = handle
        proj_log_level(handle, PJ_LOG_ERROR)
        proj_log_func(handle, Unmanaged.passUnretained(self).toOpaque()) { userdata, _, message in
            guard let userdata else { return }
            let context = Unmanaged<ProjContext>.fromOpaque(userdata).takeUnretainedValue()
            if let message { context.messages.append(String(cString: message)) }
        }
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

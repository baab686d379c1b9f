/// An error raised by GEOS or PROJ, carrying the library's own message.
public enum GeoError: Error, Equatable, CustomStringConvertible {
    /// GEOS reported an error (its message, as its error handler gave it).
    case geos(String)
    /// PROJ reported an error (its message, from its log or `proj_context_errno_string`).
    case proj(String)
    /// The caller asked for something the geometry cannot give (wrong type, index out of range).
    case invalidArgument(String)
    /// Well-Known Binary that is refused before GEOS reads it (`WKBStructure`): counts that do not fit,
    /// collections nested too deep.
    case wkb(String)

    public var description: String {
        switch self {
        case .geos(let message): return "GEOS: \(message)"
        case .proj(let message): return "PROJ: \(message)"
        case .invalidArgument(let message): return message
        case .wkb(let message): return "WKB: \(message)"
        }
    }
}

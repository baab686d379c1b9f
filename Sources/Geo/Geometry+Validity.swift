import CGEOS

/// OGC validity and its repair.
extension Geometry {
    public func isValid() throws -> Bool {
        try context.predicate("is valid") { GEOSisValid_r(context.handle, handle) }
    }

    /// GEOS's explanation, e.g. "Self-intersection[5 5]"; "Valid Geometry" when valid.
    public func validityReason() throws -> String {
        let text = try context.checked("validity reason") { GEOSisValidReason_r(context.handle, handle) }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    /// Repairs an invalid geometry without losing vertices (GEOS MakeValid, "linework" method).
    public func makeValid() throws -> Geometry {
        try derive("make valid") { GEOSMakeValid_r($0, $1) }
    }
}

import CGEOS

/// WKT and WKB reading and writing.
extension Geometry {
    /// Parses Well-Known Text; malformed text throws with GEOS's parse message.
    public convenience init(wkt: String, context: GEOSContext) throws {
        let reader = try context.checked("create WKT reader") { GEOSWKTReader_create_r(context.handle) }
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        let h = try context.checked("read WKT") { GEOSWKTReader_read_r(context.handle, reader, wkt) }
        self.init(owning: h, context: context)
    }

    /// Parses Well-Known Binary (either byte order, ISO or extended); collections nested deeper than
    /// `WKBStructure.maxNesting` and counts that overrun the bytes are refused before GEOS reads them.
    public convenience init(wkb: [UInt8], context: GEOSContext) throws {
        let h = try wkb.withUnsafeBytes { try Geometry.readWKB($0, context: context) }
        self.init(owning: h, context: context)
    }

    /// Parses WKB from borrowed bytes (e.g. a slice of a GeoPackage blob), without copying them.
    public convenience init(wkb: UnsafeRawBufferPointer, context: GEOSContext) throws {
        self.init(owning: try Geometry.readWKB(wkb, context: context), context: context)
    }

    /// Every WKB reaches GEOS through here, so every one is checked first (`WKBStructure`: GEOS recurses per
    /// level of nesting and would overflow the stack on a deep enough input).
    private static func readWKB(_ wkb: UnsafeRawBufferPointer, context: GEOSContext) throws -> OpaquePointer {
        if wkb.count > 0 { try WKBStructure.check(wkb) }
        let reader = try context.checked("create WKB reader") { GEOSWKBReader_create_r(context.handle) }
        defer { GEOSWKBReader_destroy_r(context.handle, reader) }
        return try context.checked("read WKB") { () -> OpaquePointer? in
            guard let base = wkb.baseAddress, wkb.count > 0 else {
                // GEOS would read from a NULL pointer: report the empty input ourselves.
                context.noteError("WKB input is empty")
                return nil
            }
            return GEOSWKBReader_read_r(context.handle, reader, base.assumingMemoryBound(to: UInt8.self), wkb.count)
        }
    }

    /// Well-Known Text; `precision` fixes the number of decimals (trailing zeros trimmed).
    public func wkt(precision: Int? = nil) throws -> String {
        let writer = try context.checked("create WKT writer") { GEOSWKTWriter_create_r(context.handle) }
        defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
        if let precision { GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, Int32(precision)) }
        let text = try context.checked("write WKT") { GEOSWKTWriter_write_r(context.handle, writer, handle) }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    /// 2D Well-Known Binary, little-endian.
    public func wkb() throws -> [UInt8] {
        let writer = try context.checked("create WKB writer") { GEOSWKBWriter_create_r(context.handle) }
        defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
        GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)
        GEOSWKBWriter_setByteOrder_r(context.handle, writer, 1)  // 1 = little-endian (NDR)
        var size = 0
        let bytes = try context.checked("write WKB") { GEOSWKBWriter_write_r(context.handle, writer, handle, &size) }
        defer { GEOSFree_r(context.handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }
}

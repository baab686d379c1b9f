import CPROJ

/// A PROJ coordinate operation between two CRSs, normalized to the GIS axis order (x = longitude/easting,
/// y = latitude/northing) whatever the CRSs' official axis order (EPSG:4326 is latitude first).
///
/// Owns its `PJ*` and keeps its context alive; use it on its context's thread only.
public final class Transformer {
    public enum Direction: Sendable {
        case forward, inverse

        var proj: PJ_DIRECTION { self == .forward ? PJ_FWD : PJ_INV }
    }

    /// Lon/lat on WGS84 spelled as a PROJ string: the same CRS as EPSG:4326 once axes are normalized, but
    /// made without a proj.db query (those were a third of a buffer's time and a tenth of a one-row map's).
    public static let lonLatWGS84 = "+proj=longlat +datum=WGS84 +no_defs +type=crs"

    public let context: ProjContext
    public let source: String
    public let target: String
    private let handle: OpaquePointer

    /// `from` and `to` are anything `proj_create` understands: "EPSG:4326", a PROJ string, WKT.
    public init(from source: String, to target: String, context: ProjContext? = nil) throws {
        let context = try context ?? ProjContext()
        self.context = context
        self.source = source
        self.target = target
        context.clearMessages()
        guard let raw = proj_create_crs_to_crs(context.handle, source, target, nil) else {
            throw context.failure("creating the transformation \(source) → \(target)")
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(context.handle, raw) else {
            throw context.failure("normalizing the axis order of \(source) → \(target)")
        }
        self.handle = normalized
    }

    /// From lon/lat degrees on WGS84 to `projection`, a PROJ projection on the WGS84 datum or ellipsoid
    /// (`+proj=aeqd +lat_0=… +lon_0=… +datum=WGS84 +units=m`), built as the very pipeline PROJ normalizes
    /// `lonLatWGS84 → projection` to (degrees to radians, then the projection: the same numbers, bit for bit)
    /// but without `proj_create_crs_to_crs`'s search of proj.db, 8 ms of a one-row `buffer` or `map`. A
    /// projection on another datum needs that search (a datum shift): use `init(from:to:)`. Without a
    /// `context`, it is made in one that never opens proj.db (`ProjContext.withoutDatabase()`).
    /// - Throws: `GeoError.invalidArgument` for a projection not on WGS84 (another `+datum`, `+towgs84`,
    ///   `+nadgrids`, or neither `+datum=WGS84` nor `+ellps=WGS84`); `GeoError.proj` with PROJ's message when it
    ///   does not know the projection.
    public init(fromLonLatTo projection: String, context: ProjContext? = nil) throws {
        // No datum shift is applied on this path: a projection on another datum (or none named, which PROJ
        // takes as GRS80) is refused rather than projected as if on WGS84.
        let terms = projection.split(separator: " ")
        guard terms.contains("+datum=WGS84") || terms.contains("+ellps=WGS84"),
              !terms.contains(where: { $0.hasPrefix("+datum=") && $0 != "+datum=WGS84" || $0.hasPrefix("+towgs84=") || $0.hasPrefix("+nadgrids=") })
        else {
            throw GeoError.invalidArgument("'\(projection)' is not a projection on WGS84: use Transformer(from:to:)")
        }
        let context = try context ?? ProjContext.withoutDatabase()
        self.context = context
        source = Transformer.lonLatWGS84
        target = projection
        context.clearMessages()
        let pipeline = "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step \(projection)"
        guard let made = proj_create(context.handle, pipeline) else {
            throw context.failure("creating the transformation lon/lat → \(projection)")
        }
        handle = made
    }

    deinit {
        proj_destroy(handle)
    }

    /// Transforms every coordinate in place with one `proj_trans_generic` call.
    /// Returns how many could not be transformed; those are left non-finite (PROJ's HUGE_VAL).
    @discardableResult
    public func transform(_ coordinates: inout [Coordinate], direction: Direction = .forward) -> Int {
        let count = coordinates.count
        guard count > 0 else { return 0 }
        proj_errno_reset(handle)
        coordinates.withUnsafeMutableBytes { raw in
            let base = raw.bindMemory(to: Double.self).baseAddress!
            let stride = MemoryLayout<Coordinate>.stride
            _ = proj_trans_generic(handle, direction.proj,
                                   base, stride, count,
                                   base + 1, stride, count,
                                   nil, 0, 0, nil, 0, 0)
        }
        return coordinates.reduce(0) { $0 + (($1.x.isFinite && $1.y.isFinite) ? 0 : 1) }
    }

    /// Transforms parallel x and y arrays in place; returns how many failed (left non-finite).
    @discardableResult
    public func transform(x: inout [Double], y: inout [Double], direction: Direction = .forward) -> Int {
        precondition(x.count == y.count, "x and y must have the same count")
        let count = x.count
        guard count > 0 else { return 0 }
        proj_errno_reset(handle)
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                let stride = MemoryLayout<Double>.stride
                _ = proj_trans_generic(handle, direction.proj,
                                       xs.baseAddress, stride, count,
                                       ys.baseAddress, stride, count,
                                       nil, 0, 0, nil, 0, 0)
            }
        }
        var failed = 0
        for i in 0..<count where !(x[i].isFinite && y[i].isFinite) { failed += 1 }
        return failed
    }

    /// One coordinate; throws PROJ's error when it cannot be transformed. For many points use the array forms.
    public func transform(_ c: Coordinate, direction: Direction = .forward) throws -> Coordinate {
        var one = [c]
        context.clearMessages()
        if transform(&one, direction: direction) > 0 {
            throw context.failure("transforming \(c)", object: handle)
        }
        return one[0]
    }
}

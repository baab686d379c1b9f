import CArrow
import Foundation
import FrontierBase

/// Columns of equal length: one record batch, as Arrow's C data interface hands it over (a struct array,
/// `+s`, with one child per column).
public struct ArrowBatch {
    /// The columns, each with `length` values.
    public var columns: [ArrowColumn]

    /// A batch of these columns (of equal length).
    public init(columns: [ArrowColumn]) {
        self.columns = columns
    }

    /// Rows in the batch (every column has as many values).
    public var length: Int { columns.first?.count ?? 0 }

    /// The batch's type: what `exportSchema` writes for these columns.
    public var fields: [ArrowField] { columns.map { ArrowField(name: $0.name, kind: $0.kind) } }

    /// Hands the batch to a consumer: fills `out` (the consumer's struct) with the batch's lengths, buffers and
    /// children, and a release callback that frees them, which the consumer calls once. The buffers are copies:
    /// the batch can be dropped or reused at once.
    public func export(to out: UnsafeMutablePointer<ArrowArray>) {
        let owner = ExportedArray()
        let children = UnsafeMutablePointer<UnsafeMutablePointer<ArrowArray>?>.allocate(capacity: max(1, columns.count))
        for (i, column) in columns.enumerated() {
            let child = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
            Self.export(column, to: child)
            children[i] = child
        }
        owner.children = children
        owner.childCount = columns.count
        let buffers = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: 1)
        buffers[0] = nil  // no validity bitmap: every row of a batch is present
        owner.buffers = buffers
        out.pointee = ArrowArray(length: Int64(length), null_count: 0, offset: 0, n_buffers: 1, n_children: Int64(columns.count),
                                 buffers: buffers, children: children, dictionary: nil,
                                 release: releaseExportedArray, private_data: Unmanaged.passRetained(owner).toOpaque())
    }

    private static func export(_ column: ArrowColumn, to out: UnsafeMutablePointer<ArrowArray>) {
        let owner = ExportedArray()
        let validity = column.nullCount == 0 ? nil : column.validity.withUnsafeBytes(owner.copy)
        var list: [UnsafeRawPointer?] = [validity]
        switch column.kind {
        case .utf8, .wkb, .binary:
            list.append(column.offsets.withUnsafeBytes(owner.copy))
            list.append(column.values.withUnsafeBytes(owner.copy))
        case .int64, .float64, .date32, .bool:
            list.append(column.values.withUnsafeBytes(owner.copy))
        }
        let buffers = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: list.count)
        buffers.initialize(from: list, count: list.count)
        owner.buffers = buffers
        out.pointee = ArrowArray(length: Int64(column.count), null_count: Int64(column.nullCount), offset: 0,
                                 n_buffers: Int64(list.count), n_children: 0, buffers: buffers, children: nil, dictionary: nil,
                                 release: releaseExportedArray, private_data: Unmanaged.passRetained(owner).toOpaque())
    }
}

/// A column's name and type: what a schema says of it.
public struct ArrowField: Equatable, Sendable {
    /// The column's name.
    public var name: String
    /// Its Arrow type.
    public var kind: ArrowColumn.Kind

    /// A field of this name and type.
    public init(name: String, kind: ArrowColumn.Kind) {
        self.name = name
        self.kind = kind
    }

    /// Field metadata: GeoArrow's extension type for geometry (`geoarrow.wkb`, lon/lat on WGS84), else none.
    var metadata: [(String, String)] {
        kind == .wkb ? [("ARROW:extension:name", "geoarrow.wkb"),
                        ("ARROW:extension:metadata", #"{"crs":"OGC:CRS84","crs_type":"authority_code"}"#)] : []
    }
}

/// Exports a record batch's type: a struct (`+s`) with one nullable child per field.
/// - Parameters:
///   - fields: the columns, in order.
///   - out: the consumer's struct, filled with a release callback that frees what this allocated.
public func exportArrowSchema(_ fields: [ArrowField], to out: UnsafeMutablePointer<ArrowSchema>) {
    let owner = ExportedSchema()
    let children = UnsafeMutablePointer<UnsafeMutablePointer<ArrowSchema>?>.allocate(capacity: max(1, fields.count))
    for (i, field) in fields.enumerated() {
        let child = UnsafeMutablePointer<ArrowSchema>.allocate(capacity: 1)
        let childOwner = ExportedSchema()
        child.pointee = ArrowSchema(format: childOwner.string(field.kind.format), name: childOwner.string(field.name),
                                    metadata: childOwner.metadata(field.metadata), flags: Int64(ARROW_FLAG_NULLABLE),
                                    n_children: 0, children: nil, dictionary: nil, release: releaseExportedSchema,
                                    private_data: Unmanaged.passRetained(childOwner).toOpaque())
        children[i] = child
    }
    owner.children = children
    owner.childCount = fields.count
    out.pointee = ArrowSchema(format: owner.string("+s"), name: owner.string(""), metadata: nil, flags: 0,
                              n_children: Int64(fields.count), children: children, dictionary: nil,
                              release: releaseExportedSchema, private_data: Unmanaged.passRetained(owner).toOpaque())
}

/// What an exported array allocated, freed by its release callback: buffers, the buffer list, children.
private final class ExportedArray {
    var allocations: [UnsafeMutableRawPointer] = []
    var buffers: UnsafeMutablePointer<UnsafeRawPointer?>?
    var children: UnsafeMutablePointer<UnsafeMutablePointer<ArrowArray>?>?
    var childCount = 0

    /// A copy of `bytes` that lives until release (Arrow wants 8-byte alignment; 64 is its recommendation).
    func copy(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 64)
        if let base = bytes.baseAddress { memory.copyMemory(from: base, byteCount: bytes.count) }
        allocations.append(memory)
        return UnsafeRawPointer(memory)
    }

    deinit {
        for memory in allocations { memory.deallocate() }
        buffers?.deallocate()
        freeChildren(children, count: childCount) { $0.pointee.release?($0) }
    }
}

/// What an exported schema allocated: its C strings, metadata and children.
private final class ExportedSchema {
    var allocations: [UnsafeMutableRawPointer] = []
    var children: UnsafeMutablePointer<UnsafeMutablePointer<ArrowSchema>?>?
    var childCount = 0

    func string(_ s: String) -> UnsafePointer<CChar> {
        let bytes = Array(s.utf8) + [0]
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 1)
        memory.copyMemory(from: bytes, byteCount: bytes.count)
        allocations.append(memory)
        return UnsafePointer(memory.assumingMemoryBound(to: CChar.self))
    }

    /// Arrow's metadata encoding: an int32 count, then per pair an int32 length and the key's bytes, an int32
    /// length and the value's bytes (native byte order); nil for none.
    func metadata(_ pairs: [(String, String)]) -> UnsafePointer<CChar>? {
        guard !pairs.isEmpty else { return nil }
        var bytes: [UInt8] = []
        func int32(_ v: Int) { withUnsafeBytes(of: Int32(v)) { bytes.append(contentsOf: $0) } }
        int32(pairs.count)
        for (key, value) in pairs {
            int32(key.utf8.count); bytes += key.utf8
            int32(value.utf8.count); bytes += value.utf8
        }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 8)
        memory.copyMemory(from: bytes, byteCount: bytes.count)
        allocations.append(memory)
        return UnsafePointer(memory.assumingMemoryBound(to: CChar.self))
    }

    deinit {
        for memory in allocations { memory.deallocate() }
        freeChildren(children, count: childCount) { $0.pointee.release?($0) }
    }
}

/// Releases each child the consumer has not moved out (a moved child's release is already null), then frees
/// the children's structs and their list.
private func freeChildren<T>(_ children: UnsafeMutablePointer<UnsafeMutablePointer<T>?>?, count: Int,
                             release: (UnsafeMutablePointer<T>) -> Void) {
    guard let children else { return }
    for i in 0..<count {
        guard let child = children[i] else { continue }
        release(child)
        child.deallocate()
    }
    children.deallocate()
}

/// The release callbacks: free what the owner holds and mark the struct released, as the specification asks.
private let releaseExportedArray: @convention(c) (UnsafeMutablePointer<ArrowArray>?) -> Void = { array in
    guard let array, let owner = array.pointee.private_data else { return }
    Unmanaged<ExportedArray>.fromOpaque(owner).release()
    array.pointee.release = nil
    array.pointee.private_data = nil
}

private let releaseExportedSchema: @convention(c) (UnsafeMutablePointer<ArrowSchema>?) -> Void = { schema in
    guard let schema, let owner = schema.pointee.private_data else { return }
    Unmanaged<ExportedSchema>.fromOpaque(owner).release()
    schema.pointee.release = nil
    schema.pointee.private_data = nil
}

import FrontierBase

/// One column of an answer in Arrow's memory layout, built a value at a time: a validity bitmap (bit i set:
/// value i is present; least significant bit first, as Arrow orders bits) and the type's buffers.
public struct ArrowColumn {
    /// The Arrow types Frontier's answers use, with the format string the C data interface names them by.
    public enum Kind: Equatable, Sendable {
        /// UTF-8 text, 32-bit offsets (`u`).
        case utf8
        /// 64-bit signed integers (`l`): counts.
        case int64
        /// 64-bit floats (`g`): distances, coordinates, shares of an incident.
        case float64
        /// Booleans, bit-packed (`b`).
        case bool
        /// Days since 1970-01-01 as 32-bit integers (`tdD`): dates.
        case date32
        /// Well-known binary geometry (`z`, 32-bit offsets) tagged `geoarrow.wkb` in lon/lat on WGS84.
        case wkb
        /// Other bytes (`z`, untagged): a rendered PNG or PDF.
        case binary

        /// The format string of the C data interface.
        public var format: String {
            switch self {
            case .utf8: return "u"
            case .int64: return "l"
            case .float64: return "g"
            case .bool: return "b"
            case .date32: return "tdD"
            case .wkb, .binary: return "z"
            }
        }
    }

    /// The column's name in the answer.
    public let name: String
    /// The Arrow type its values are stored as.
    public let kind: Kind
    /// How many values (nulls included).
    public private(set) var count = 0
    /// How many of the values are null.
    public private(set) var nullCount = 0
    private(set) var validity: [UInt8] = []
    /// Fixed-width values (int64, float64, date32 little-endian), bits (bool), or the bytes of variable-width
    /// values (utf8, wkb, binary), whose ends are in `offsets`.
    private(set) var values: [UInt8] = []
    private(set) var offsets: [Int32] = [0]

    /// An empty column.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// Appends a value, or null for nil.
    /// A value of another kind than the column's is a bug in the code that chose the kinds, and stops.
    /// - Throws: `FrontierError.tooLarge` when the column's variable-width bytes would pass Arrow's 2 GiB
    ///   offset limit (the caller starts a new batch well before).
    public mutating func append(_ value: ArrowValue?) throws {
        guard let value else { return appendNull() }
        switch (kind, value) {
        case (.utf8, .text(let s)):
            try appendBytes(Array(s.utf8))
        case (.wkb, .bytes(let b)), (.binary, .bytes(let b)):
            try appendBytes(b)
        case (.int64, .int(let i)):
            appendFixed(i.littleEndian)
        case (.float64, .double(let d)):
            appendFixed(d.bitPattern.littleEndian)
        case (.date32, .date(let days)):
            appendFixed(days.littleEndian)
        case (.bool, .bool(let b)):
            setBit(in: &values, at: count, to: b)
        default:
            preconditionFailure("an Arrow \(kind.format) column '\(name)' was given \(value)")
        }
        setBit(in: &validity, at: count, to: true)
        count += 1
    }

    /// Appends a null (its slot in a fixed-width buffer is zero, as Arrow leaves it undefined).
    public mutating func appendNull() {
        switch kind {
        case .utf8, .wkb, .binary: offsets.append(offsets[offsets.count - 1])
        case .int64, .float64: values.append(contentsOf: repeatElement(0, count: 8))
        case .date32: values.append(contentsOf: repeatElement(0, count: 4))
        case .bool: setBit(in: &values, at: count, to: false)
        }
        setBit(in: &validity, at: count, to: false)
        nullCount += 1
        count += 1
    }

    private mutating func appendBytes(_ bytes: [UInt8]) throws {
        let end = Int(offsets[offsets.count - 1]) + bytes.count
        guard end <= Int(Int32.max) else {
            throw FrontierError.tooLarge(what: "bytes of text in one Arrow batch of column '\(name)'", count: end, limit: Int(Int32.max))
        }
        values.append(contentsOf: bytes)
        offsets.append(Int32(end))
    }

    private mutating func appendFixed<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v) { values.append(contentsOf: $0) }
    }

    private func setBit(in bits: inout [UInt8], at i: Int, to on: Bool) {
        if i / 8 >= bits.count { bits.append(0) }
        if on { bits[i / 8] |= UInt8(1) << UInt8(i % 8) }
    }
}

/// A value for an `ArrowColumn`, in the form each kind stores.
public enum ArrowValue: Equatable, Sendable {
    case text(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Well-known binary.
    case bytes([UInt8])
}

import Foundation
import Geo
import FrontierBase
import FrontierTables

/// An encoded incident row as a tuple of PostgreSQL's binary COPY format, in the incident table's column
/// order (`IncidentTableSchema.rowColumns`): geometry as EWKB with SRID 4326, the date as days since 2000-01-01,
/// bigint and float8 big-endian, jsonb as version 1 and its text. Made on the scan's worker threads.
public struct CopyTuple: Sendable {
    let bytes: [UInt8]

    /// "PGCOPY\n\377\r\n\0", no flags, no header extension.
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// A field count of −1 ends the data.
    static let trailer: [UInt8] = [0xFF, 0xFF]
    /// 2000-01-01, PostgreSQL's date epoch, in days since 1970-01-01.
    static let postgresEpochDay = 10_957

    init(_ row: EncodedIncidentRow) {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        let typed = IncidentTableSchema.typedColumns
        out.append(big: UInt16(IncidentTableSchema.rowColumns.count))
        // EWKB point, little-endian, with its SRID: geometry(Point,4326) refuses one without.
        var point: [UInt8] = [1]
        point.append(little: UInt32(0x2000_0001))
        point.append(little: UInt32(4326))
        point.append(little: row.point.x.bitPattern)
        point.append(little: row.point.y.bitPattern)
        out.field(point)
        out.field(Array(row.id.utf8))
        out.append(big: UInt32(4))
        out.append(big: UInt32(bitPattern: Int32(truncatingIfNeeded: row.day - CopyTuple.postgresEpochDay)))
        // An integer column holding text that is no integer ("2a") keeps it in extra: bigint cannot.
        var extraPairs = row.extraPairs
        for (k, value) in row.typed.enumerated() {
            let isInteger = typed[k].type == "INTEGER"
            switch value {
            case .integer(let n) where isInteger:
                out.append(big: UInt32(8))
                out.append(big: UInt64(bitPattern: n))
            case .text(let text) where isInteger:
                out.nullField()
                if !extraPairs.contains(where: { $0.0 == typed[k].name }) { extraPairs.append((typed[k].name, .string(text))) }
            case .text(let text):
                out.field(Array(text.utf8))
            default:
                out.nullField()
            }
        }
        out.append(big: UInt32(8)); out.append(big: row.point.lat.bitPattern)
        out.append(big: UInt32(8)); out.append(big: row.point.lon.bitPattern)
        let extra = extraPairs.count == row.extraPairs.count ? row.extra : JSONText.object(extraPairs)
        if let extra { out.field([1] + Array(extra.utf8)) } else { out.nullField() }
        out.field(Array(row.hash.utf8))
        bytes = out
    }
}

private extension Array where Element == UInt8 {
    mutating func append<T: FixedWidthInteger>(big value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    mutating func append<T: FixedWidthInteger>(little value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// A field: its length, then its bytes.
    mutating func field(_ bytes: [UInt8]) {
        append(big: UInt32(bytes.count))
        append(contentsOf: bytes)
    }

    mutating func nullField() { append(big: UInt32(bitPattern: -1)) }
}

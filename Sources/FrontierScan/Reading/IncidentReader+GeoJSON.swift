import Foundation
import Geo
import FrontierBase
import FrontierFormats

/// Incidents from a GeoJSON FeatureCollection or GeoJSONL / RFC 8142 sequences (one Feature per line), read
/// as a stream in two passes over the file: the first learns the columns (property names in order of first
/// appearance, sorted within a feature, since JSON objects carry no order) and checks the whole document,
/// the second yields rows. Each row holds only the properties its feature has, so memory follows the
/// largest feature and the number of distinct names (capped), not the file. Standard input or a pipe is
/// first copied to an anonymous temporary file (removed by the system however the process ends).
final class GeoJSONIncidentSource {
    /// The most distinct property names a file may bring: each is an output column.
    static let maxColumns = 10_000

    let columns: [String]
    private let column: [String: Int]
    private let stream: GeoJSONFeatureStream
    private let name: String
    /// The spool for input that cannot be read twice; closed (and so removed) with this source.
    private let spool: UnsafeMutablePointer<FILE>?
    /// Kept open while the stream reads its descriptor.
    private let handle: FileHandle

    /// One feature as a row: its number (the line in GeoJSONL), values, point, or why it has none.
    typealias Row = (line: Int, values: RowValues, coordinate: Coordinate?, problem: String?)

    init(handle: FileHandle, name: String, lines: Bool, lonLat: FrontierError.CoordinateRole?) throws {
        self.name = name
        self.handle = handle
        var fd = handle.fileDescriptor
        var info = stat()
        var start = lseek(fd, 0, SEEK_CUR)
        if fstat(fd, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG || start < 0 {
            spool = try GeoJSONIncidentSource.copy(fd, name: name)
            fd = fileno(spool)
            start = 0
        } else {
            spool = nil
        }
        let display = name == "-" ? "standard input" : name
        // First pass: the columns, and every syntax and collection error before any row is used.
        let keys = GeoJSONFeatureStream(reader: JSONReader(fileDescriptor: fd, file: name, lineMode: lines), file: display, lines: lines,
                                        reading: .init(values: false, geometry: .none), lonLat: lonLat)
        var order: [String] = []
        var index: [String: Int] = [:]
        while let record = try keys.next() {
            guard record.problem == nil else { continue }
            for key in Set(record.properties.map(\.key)).sorted() where index[key] == nil {
                guard order.count < GeoJSONIncidentSource.maxColumns else {
                    throw FrontierError.malformed(file: display, line: record.line, reason: "feature \(record.number) brings a property "
                        + "name beyond \(GeoJSONIncidentSource.maxColumns) distinct ones ('\(key)'); each is a column: at most "
                        + "\(GeoJSONIncidentSource.maxColumns) can be read")
                }
                index[key] = order.count
                order.append(key)
            }
        }
        columns = order
        column = index
        guard lseek(fd, start, SEEK_SET) == start else {
            throw FrontierError.malformed(file: display, line: 0, reason: "cannot be read again: \(String(cString: strerror(errno)))")
        }
        stream = GeoJSONFeatureStream(reader: JSONReader(fileDescriptor: fd, file: name, lineMode: lines), file: display, lines: lines,
                                      reading: .init(values: true, geometry: .point), lonLat: lonLat)
    }

    deinit { if let spool { fclose(spool) } }

    /// The next feature as a row, or nil after the last.
    func next() throws -> Row? {
        guard let record = try stream.next() else { return nil }
        if let problem = record.problem { return (record.number, RowValues(count: columns.count, entries: []), nil, problem) }
        var entries: [RowValues.Entry] = []
        entries.reserveCapacity(record.properties.count)
        for (key, value) in record.properties {
            guard let c = column[key] else {
                throw FrontierError.malformed(file: name, line: record.line, reason: "changed while it was read (feature \(record.number) has '\(key)')")
            }
            entries.append(RowValues.Entry(column: Int32(c), value: value))
        }
        // Columns in increasing order (a stable sort: a name given twice keeps its last value, as JSON readers do).
        if entries.count <= 64 {
            for i in entries.indices.dropFirst() {
                let e = entries[i]
                var j = i
                while j > 0, entries[j - 1].column > e.column { entries[j] = entries[j - 1]; j -= 1 }
                entries[j] = e
            }
        } else {
            entries = entries.enumerated().sorted { ($0.element.column, $0.offset) < ($1.element.column, $1.offset) }.map(\.element)
        }
        var unique: [RowValues.Entry] = []
        unique.reserveCapacity(entries.count)
        for e in entries {
            if let last = unique.last, last.column == e.column { unique[unique.count - 1] = e } else { unique.append(e) }
        }
        let values = RowValues(count: columns.count, entries: unique)
        guard let geometry = record.geometry else { return (record.number, values, nil, "empty coordinates (no geometry)") }
        let (point, problem) = geometry.point
        return (record.number, values, point, problem)
    }

    /// Input that cannot be read twice (a pipe, standard input) copied to an anonymous temporary file.
    private static func copy(_ fd: Int32, name: String) throws -> UnsafeMutablePointer<FILE> {
        let display = name == "-" ? "standard input" : name
        guard let file = tmpfile() else {
            throw FrontierError.malformed(file: display, line: 0, reason: "cannot be spooled to a temporary file: \(String(cString: strerror(errno)))")
        }
        let out = fileno(file)
        let size = 1 << 20
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 1)
        defer { block.deallocate() }
        while true {
            let n = read(fd, block, size)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                fclose(file)
                throw FrontierError.malformed(file: display, line: 0, reason: "cannot be read: \(String(cString: strerror(errno)))")
            }
            var written = 0
            while written < n {
                let w = write(out, block + written, n - written)
                if w < 0 {
                    if errno == EINTR { continue }
                    fclose(file)
                    throw FrontierError.malformed(file: display, line: 0, reason: "cannot be spooled to a temporary file: \(String(cString: strerror(errno)))")
                }
                written += w
            }
        }
        lseek(out, 0, SEEK_SET)
        return file
    }
}

import Foundation
import Geo

/// Streams rows to a file handle in one of the output formats, buffering writes in large blocks.
/// CSV rows that came from CSV can be passed through as their original text (byte for byte).
public final class RowStreamWriter {
    public enum Format: String, Sendable { case csv, json, geojson, geojsonl }

    private let handle: FileHandle
    private let format: Format
    private let columns: [String]
    private var buffer: [UInt8] = []
    private var rows = 0

    public init(handle: FileHandle, format: Format, columns: [String], bom: Bool = false) {
        self.handle = handle
        self.format = format
        self.columns = columns
        buffer.reserveCapacity(1 << 20)
        switch format {
        case .csv:
            if bom { buffer += [0xEF, 0xBB, 0xBF] }
            append(CSVWriter.line(columns))
        case .json: append("[\n")
        case .geojson: append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        case .geojsonl: break
        }
    }

    private func append(_ s: String) {
        buffer.append(contentsOf: s.utf8)
    }

    /// Writes the buffer once it is large. A failed write (a full disk, a closed pipe) throws.
    private func flushIfLarge() throws {
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// One row. `rawPrefix` is the row's original CSV text for the leading values (pass-through); `values`
    /// are then only the appended ones for CSV, and all of them for the other formats.
    public func write(values: [PropertyValue], rawPrefix: Substring? = nil, appended: [PropertyValue] = [], point: Coordinate?) throws {
        switch format {
        case .csv:
            if let rawPrefix {
                append(String(rawPrefix))
                for v in appended { append(","); append(CSVWriter.field(CSVWriter.text(v))) }
                append("\n")
            } else {
                append(CSVWriter.line((values + appended).map(CSVWriter.text)))
            }
        case .json:
            if rows > 0 { append(",\n") }
            append(JSONText.object(Array(zip(columns, values + appended))))
        case .geojson, .geojsonl:
            if format == .geojson && rows > 0 { append(",\n") }
            append("{\"type\":\"Feature\",\"properties\":")
            append(JSONText.object(Array(zip(columns, values + appended))))
            append(",\"geometry\":")
            if let p = point {
                append("{\"type\":\"Point\",\"coordinates\":[\(NumberFormat.coordinate(p.x)),\(NumberFormat.coordinate(p.y))]}")
            } else { append("null") }
            append("}")
            if format == .geojsonl { append("\n") }
        }
        rows += 1
        try flushIfLarge()
    }

    public func finish() throws {
        switch format {
        case .csv, .geojsonl: break
        case .json: append(rows > 0 ? "\n]\n" : "]\n")
        case .geojson: append(rows > 0 ? "\n]}\n" : "]}\n")
        }
        try flush()
    }
}

import Foundation
import Geo
import FrontierBase

/// Writes rows in one of the output formats: the one writer of CSV lines, JSON rows and GeoJSON features
/// (RFC 7946: no `crs` member, lon/lat, ≤ 7 decimals, typed properties, one feature per line so diffs of
/// generated files stay readable). Streams to a file handle in large blocks, or collects the text in memory.
/// Once an answer passes one block, the blocks are written by a thread of their own (`BackgroundWriter`), so
/// the kernel's copy of a large answer into the page cache runs beside the merge rather than in it.
/// CSV rows that came from CSV can be passed through as their original text (byte for byte), unless cells
/// are neutralised against formula injection (`neutralisesFormulas`: every cell is then written by the writer).
public final class RowStreamWriter {
    public enum Format: String, Sendable { case csv, json, geojson, geojsonl }

    /// Nil: the text stays in memory (see `text(_:format:)`).
    private let handle: FileHandle?
    private let format: Format
    private let columns: [String]
    // Touched for every row by the one thread that writes through this writer (the block writer thread gets
    // only finished blocks): unchecked exclusivity spares a runtime check per access.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var rows = 0
    /// Writes full blocks to `handle`, started at the first one (a short answer is written on the caller's thread).
    @exclusivity(unchecked) private var blockWriter: BackgroundWriter<[UInt8]>?
    /// A block's size: large enough that a write call is rare, small enough that two in flight cost little.
    private static let blockBytes = 1 << 20
    /// Held around every write, on any thread: two outputs may share a descriptor (`--rejects /dev/stdout`
    /// beside the answer on standard output), and a block must not be cut by another's.
    private static let writeLock = NSLock()
    /// CSV cells that a spreadsheet would run as formulas get a leading `'` (`CSVWriter.neutralised`).
    public let neutralisesFormulas: Bool

    /// Whether a row's original CSV text may be written as it is (`write(values:rawPrefix:…)`).
    public var passesRawText: Bool { format == .csv && !neutralisesFormulas }

    public init(handle: FileHandle?, format: Format, columns: [String], bom: Bool = false, neutralisesFormulas: Bool = false) {
        self.handle = handle
        self.format = format
        self.columns = columns
        self.neutralisesFormulas = neutralisesFormulas
        buffer.reserveCapacity(handle == nil ? 1 << 16 : Self.blockBytes)
        switch format {
        case .csv:
            if bom { buffer += [0xEF, 0xBB, 0xBF] }
            append(csvLine(columns))
        case .json: append("[\n")
        case .geojson: append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        case .geojsonl: break
        }
    }

    /// A whole table as text (GeoData files, small command answers).
    public static func text(_ table: RecordTable, format: Format, neutralisesFormulas: Bool = false) throws -> String {
        let writer = RowStreamWriter(handle: nil, format: format, columns: table.columns, neutralisesFormulas: neutralisesFormulas)
        for record in table.records { try writer.write(record) }
        try writer.finish()
        return String(decoding: writer.buffer, as: UTF8.self)
    }

    private func append(_ s: String) {
        buffer.append(contentsOf: s.utf8)
    }

    private func csvLine(_ fields: [String]) -> String {
        neutralisesFormulas ? CSVWriter.safeLine(fields) : CSVWriter.line(fields)
    }

    deinit {
        abandon()
    }

    /// Stops writing without finishing (the caller failed elsewhere): the writing thread ends, blocks it has
    /// not begun are not written, and the handle is no longer used. Nothing happens after `finish`.
    public func abandon() {
        blockWriter?.stop()
        blockWriter = nil
    }

    private static func write(_ bytes: [UInt8], to handle: FileHandle) throws {
        writeLock.lock()
        defer { writeLock.unlock() }
        try handle.write(contentsOf: bytes)
    }

    /// Hands the buffer to the writing thread once it is a block. A failed write (a full disk, a closed pipe)
    /// throws, here or at the next block or at `finish`.
    private func flushIfLarge() throws {
        guard let handle, buffer.count >= Self.blockBytes else { return }
        if blockWriter == nil {
            blockWriter = BackgroundWriter(name: "frontier.output-writer", capacity: 2) { try Self.write($0, to: handle) }
        }
        try blockWriter?.submit(buffer)
        buffer = []
        buffer.reserveCapacity(Self.blockBytes)
    }

    /// Writes what is left and waits until every block is written.
    private func flush() throws {
        guard let handle else { return }
        if let blockWriter {
            if !buffer.isEmpty { try blockWriter.submit(buffer) }
            self.blockWriter = nil
            try blockWriter.finish()
        } else if !buffer.isEmpty {
            try Self.write(buffer, to: handle)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// One incident row. `rawPrefix` is the row's original CSV text for the leading values (pass-through,
    /// only where `passesRawText`); `values` are then only the appended ones for CSV, and all of them for the
    /// other formats. `appendedCells`, when given, is `CSVWriter.cells(appended)` made once for many rows
    /// (a join's region columns), written as it is after a row passed through.
    public func write(values: [PropertyValue], rawPrefix: Substring? = nil, appended: [PropertyValue] = [],
                      appendedCells: [UInt8]? = nil, point: Coordinate?) throws {
        if passesRawText, let rawPrefix {
            // The row's own bytes, then the appended cells: no String made of the row.
            // Copied as one block where the text is contiguous (always, for a row read from CSV): the
            // generic sequence copy took a byte at a time, a tenth of near's writing.
            if rawPrefix.utf8.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil {
                buffer.append(contentsOf: rawPrefix.utf8)
            }
            assert(appendedCells.map { $0 == CSVWriter.cells(appended) } ?? true, "appendedCells are not the appended values' cells")
            if let appendedCells { buffer.append(contentsOf: appendedCells) } else { CSVWriter.append(cells: appended, to: &buffer) }
            buffer.append(UInt8(ascii: "\n"))
            rows += 1
            return try flushIfLarge()
        }
        try row(values + appended) { out in
            guard let p = point else { return out += "null" }
            out += "{\"type\":\"Point\",\"coordinates\":[\(NumberFormat.coordinate(p.x)),\(NumberFormat.coordinate(p.y))]}"
        }
    }

    /// One record, its geometry whatever it is.
    public func write(_ record: Record) throws {
        try row(record.values) { out in
            if let g = record.geometry { try GeoJSONGeometry.encode(g, into: &out) } else { out += "null" }
        }
    }

    /// The one place a row becomes a CSV line, a JSON object or a Feature; `geometry` writes the Feature's
    /// geometry member (only called for GeoJSON).
    private func row(_ values: [PropertyValue], geometry: (inout String) throws -> Void) throws {
        switch format {
        case .csv:
            append(csvLine(values.map(CSVWriter.text)))
        case .json:
            if rows > 0 { append(",\n") }
            append(JSONText.object(Array(zip(columns, values))))
        case .geojson, .geojsonl:
            if format == .geojson && rows > 0 { append(",\n") }
            var feature = "{\"type\":\"Feature\",\"properties\":"
            feature += JSONText.object(Array(zip(columns, values)))
            feature += ",\"geometry\":"
            try geometry(&feature)
            feature += "}"
            if format == .geojsonl { feature += "\n" }
            append(feature)
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

import Foundation
import FrontierBase

extension CSVRecordReader {
    /// The records of a small CSV file read whole (GeoData's curated tables), after its header line, in
    /// order; each record's fields and line serve the caller's own checks and messages.
    /// - Throws: `FrontierError.cannotOpen` when the file cannot be read; the reader's error for a malformed record.
    public static func tableRecords(atPath path: String) throws -> [CSVRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { throw FrontierError.cannotOpen(file: path) }
        let reader = CSVRecordReader(bytes: Array(data), name: path, firstLine: 1)
        _ = try reader.next()
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }
}

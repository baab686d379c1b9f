import Foundation
import Frontier
import Geo

/// Where per-incident rows go: streamed in csv/json/geojson/geojsonl, or buffered into an aligned table.
final class IncidentOutput {
    private let stream: RowStreamWriter?
    private var table: RecordTable?
    private let handle: FileHandle
    private let output: OutputOptions

    init(_ output: OutputOptions, columns: [String], bom: Bool) throws {
        self.output = output
        if let path = output.out {
            guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                throw CLIError("cannot write \(path)")
            }
            handle = h
        } else {
            handle = FileHandle.standardOutput
        }
        switch output.resolvedFormat {
        case .table:
            stream = nil
            table = RecordTable(columns: columns)
        case .csv: stream = RowStreamWriter(handle: handle, format: .csv, columns: columns, bom: bom)
        case .json: stream = RowStreamWriter(handle: handle, format: .json, columns: columns)
        case .geojson: stream = RowStreamWriter(handle: handle, format: .geojson, columns: columns)
        case .geojsonl: stream = RowStreamWriter(handle: handle, format: .geojsonl, columns: columns)
        }
    }

    /// One incident row: its input values (typed for JSON formats), then the appended columns.
    func write(_ incident: Incident, inputValues: [PropertyValue], passThrough: Bool, appended: [PropertyValue]) {
        if let stream {
            if passThrough, output.resolvedFormat == .csv, let raw = incident.raw {
                stream.write(values: [], rawPrefix: raw, appended: appended, point: incident.coordinate)
            } else {
                stream.write(values: inputValues, appended: appended, point: incident.coordinate)
            }
        } else {
            table?.records.append(Record(values: inputValues + appended))
        }
    }

    func finish() throws {
        stream?.finish()
        if let table { handle.write(Data(TerminalTable.render(table).utf8)) }
        if output.out != nil { try handle.close() }
    }
}

import Foundation
import Frontier

/// Where join's and near's per-incident rows go: streamed in csv/json/geojson/geojsonl, or collected into
/// an aligned table, on standard output or into --out (whole or not at all).
final class IncidentOutput {
    private let stream: RowStreamWriter?
    private var table: TerminalTableStream?
    private let file: OutputFile
    private let format: OutputFormat
    /// Input columns kept (those a request appends replace the input's, with a notice).
    let keptColumns: [Int]
    private let passThrough: Bool

    /// Output for `scan`'s rows with the columns a request chose.
    init(_ output: OutputOptions, scan: IncidentScan, columns: IncidentColumns) throws {
        keptColumns = columns.kept
        if !columns.replaced.isEmpty {
            Diagnostics.note("notice: the input already has \(columns.replaced.joined(separator: ", ")); they are replaced by this run's values")
        }
        format = output.resolvedFormat
        if format == .json || format == .geojson || format == .geojsonl {
            try IncidentFields.checkUniqueNames(scan.columns, file: scan.name)
        }
        file = try OutputFile(output.out)
        if let rows = format.stream {
            stream = file.rows(format: rows, columns: columns.names, bom: rows == .csv && scan.hadBOM)
        } else {
            stream = nil
            table = TerminalTableStream(columns: columns.names)
        }
        // CSV rows from comma-separated CSV pass through as their original text when every column is
        // written as it came (and cells are not neutralised).
        passThrough = columns.isWholeInput && (stream?.passesRawText ?? false)
            && scan.query.delimiter.map { $0 == UInt8(ascii: ",") } ?? true
    }

    /// Output for rows of several inputs (`SourcedColumns`), given whole: never copied through as text.
    init(_ output: OutputOptions, names: [String]) throws {
        keptColumns = []
        passThrough = false
        format = output.resolvedFormat
        file = try OutputFile(output.out)
        if let rows = format.stream {
            stream = file.rows(format: rows, columns: names, bom: false)
        } else {
            stream = nil
            table = TerminalTableStream(columns: names)
        }
    }

    /// A row of several inputs' answer (input values typed for JSON formats, as `write(_:appended:)` does).
    func write(_ row: SourcedRow, appended count: Int) throws {
        let typed = format != .csv && format != .table
        let values = row.values.enumerated().map { k, v -> PropertyValue in
            if typed, k < row.values.count - count, case .string(let s) = v { return PropertyValue.inferred(from: s) }
            return v
        }
        if let stream {
            try file.writing { _ in try stream.write(values: values, appended: [], point: row.coordinate) }
        } else if let text = table?.add(Record(values: values)), !text.isEmpty {
            try file.write(text)
        }
    }

    /// One incident row: its input values (typed for JSON formats), then the appended columns
    /// (`appendedCells`: the same as CSV cells, made once for many rows, as a join's regions are).
    func write(_ incident: Incident, appended: [PropertyValue], appendedCells: [UInt8]? = nil) throws {
        let typed = format != .csv && format != .table
        let values = { self.keptColumns.map { i -> PropertyValue in
            let v = incident.values[i]
            if typed, case .string(let s) = v { return PropertyValue.inferred(from: s) }
            return v
        } }
        if let stream {
            try file.writing { _ in
                if passThrough, let raw = incident.raw {
                    try stream.write(values: [], rawPrefix: raw, appended: appended, appendedCells: appendedCells, point: incident.coordinate)
                } else {
                    try stream.write(values: values(), appended: appended, point: incident.coordinate)
                }
            }
        } else {
            if let text = table?.add(Record(values: values() + appended)), !text.isEmpty { try file.write(text) }
        }
    }

    func finish() throws {
        try file.writing { _ in try stream?.finish() }
        if let table { try file.write(table.finish()) }
        try file.commit()
    }
}

import Foundation
import Frontier

/// Rows a command computes (not incidents read) streamed in the chosen format to standard output or --out
/// (written whole or not at all): what `hotspots` and `trends` write, however many rows.
final class RecordOutput {
    private let stream: RowStreamWriter?
    private var table: TerminalTableStream?
    private let file: OutputFile

    init(_ output: OutputOptions, columns: [String]) throws {
        file = try OutputFile(output.out)
        if let rows = output.resolvedFormat.stream {
            stream = file.rows(format: rows, columns: columns)
        } else {
            stream = nil
            table = TerminalTableStream(columns: columns)
        }
    }

    func write(_ record: Record) throws {
        if let stream {
            try file.writing { _ in try stream.write(record) }
        } else if let text = table?.add(record), !text.isEmpty {
            try file.write(text)
        }
    }

    func finish() throws {
        try file.writing { _ in try stream?.finish() }
        if let table { try file.write(table.finish()) }
        try file.commit()
    }
}

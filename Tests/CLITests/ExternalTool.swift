import Foundation

/// Another program the tests check Frontier's files with (GDAL's ogrinfo and ogr2ogr, the sqlite3 shell): an
/// independent reader, run with its standard output and error together.
enum ExternalTool {
    /// Runs `path` with `args` and waits for it.
    /// - Returns: its exit status and what it printed (stdout and stderr interleaved).
    static func run(_ path: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

import Foundation

/// A one-line progress display on stderr (rows/s, percent of bytes read), only when stderr is a terminal.
final class ProgressLine {
    let totalBytes: Int?
    private let enabled = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(totalBytes: Int?) {
        self.totalBytes = totalBytes
    }

    func update(bytes: Int, rows: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let seconds = max(0.001, Date().timeIntervalSince(started))
        var line = "\r\(TerminalTable.grouped(String(rows))) rows, \(TerminalTable.grouped(String(Int(Double(rows) / seconds)))) rows/s"
        if let totalBytes, totalBytes > 0 { line += String(format: ", %.0f%%", 100 * Double(bytes) / Double(totalBytes)) }
        try? FileHandle.standardError.write(contentsOf: Data((line + "   ").utf8))
        drawn = true
    }

    func finish() {
        if drawn { try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8)) }
    }
}

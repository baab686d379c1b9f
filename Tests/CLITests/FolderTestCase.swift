import Foundation
import XCTest

/// A test case with a fresh temporary folder per test, removed after it: where CLI tests write inputs,
/// stores and outputs.
class FolderTestCase: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-\(type(of: self))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A path in the test's folder.
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Writes bytes into the test's folder and returns the path.
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    func write(_ text: String, _ name: String) throws -> String { try write(Array(text.utf8), name) }

    /// Runs `frontier` with `args` and checks what every hostile-input test checks: the exit status, the
    /// message on stderr when one is named, and no trap.
    @discardableResult
    func run(_ args: [String], _ status: Int32, says message: String? = nil, stdin: Data? = nil,
             file: StaticString = #filePath, line: UInt = #line) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(args, stdin: stdin)
        XCTAssertEqual(r.status, status, "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        if let message { XCTAssertTrue(r.stderr.contains(message), "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line) }
        XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("Program crashed"), r.stderr, file: file, line: line)
        return r
    }
}

extension FolderTestCase {
    /// Makes a FIFO at `fifo`, runs `body` (which writes into it) while another thread reads it to the end,
    /// and returns what that reader got: what a shell's `cat fifo` would see.
    func readingFIFO(_ fifo: String, timeout: TimeInterval = 30, while body: () throws -> Void) throws -> Data {
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let received = expectation(description: "the FIFO's reader got the output")
        nonisolated(unsafe) var got = Data()
        Thread.detachNewThread {
            if let reader = FileHandle(forReadingAtPath: fifo) { got = reader.readDataToEndOfFile() }
            received.fulfill()
        }
        try body()
        wait(for: [received], timeout: timeout)
        return got
    }

    /// CSV text as rows keyed by the header's names (quotes honoured; no newlines inside fields).
    func records(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map { line -> [String] in
            var fields: [String] = [], cur = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == "," && !quoted { fields.append(cur); cur = "" } else { cur.append(c) }
            }
            fields.append(cur)
            return fields
        }
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

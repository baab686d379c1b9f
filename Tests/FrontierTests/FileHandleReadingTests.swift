import Foundation
import XCTest
@testable import FrontierBase
@testable import FrontierFormats

/// Reading a chunk onto the bytes already held (`FileHandle.read(upTo:appendingTo:file:)`): a pipe's short
/// reads are read on until the count or the end, the bytes held stay in front, and a failed read is the
/// error `readBlock` gives, leaving the bytes as they were.
final class FileHandleReadingTests: XCTestCase {
    func testAPipesShortWritesAreReadOnToTheCountThenToTheEnd() throws {
        let pipe = Pipe()
        let writer = pipe.fileHandleForWriting
        let pieces = (0..<5).map { i in [UInt8](repeating: UInt8(ascii: "a") + UInt8(i), count: 1000) }
        let done = expectation(description: "written")
        Thread.detachNewThread {
            for piece in pieces {
                writer.write(Data(piece))
                Thread.sleep(forTimeInterval: 0.01)
            }
            try? writer.close()
            done.fulfill()
        }
        var bytes = Array("held,".utf8)
        let reader = pipe.fileHandleForReading
        XCTAssertEqual(try reader.read(upTo: 2500, appendingTo: &bytes, file: "-"), 2500)
        XCTAssertEqual(bytes, Array("held,".utf8) + pieces[0] + pieces[1] + pieces[2].prefix(500))
        XCTAssertEqual(try reader.read(upTo: 10_000, appendingTo: &bytes, file: "-"), 2500)
        XCTAssertEqual(bytes.count, 5 + 5000)
        XCTAssertEqual(Array(bytes.suffix(1000)), pieces[4])
        XCTAssertEqual(try reader.read(upTo: 10_000, appendingTo: &bytes, file: "-"), 0)
        XCTAssertEqual(bytes.count, 5 + 5000)
        wait(for: [done], timeout: 10)
    }

    func testAFailedReadNamesTheInputAndKeepsTheBytes() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let handle = try XCTUnwrap(FileHandle(forReadingAtPath: dir.path))
        var bytes: [UInt8] = [1, 2, 3]
        XCTAssertThrowsError(try handle.read(upTo: 100, appendingTo: &bytes, file: "-")) { error in
            XCTAssertEqual("\(error)", "standard input: cannot be read: Is a directory")
        }
        XCTAssertEqual(bytes, [1, 2, 3])
    }
}

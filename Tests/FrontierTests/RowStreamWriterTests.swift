import Foundation
import XCTest
@testable import FrontierFormats
import FrontierBase

/// An answer past one block is written by a thread of its own: every byte arrives once, in order, and a
/// failed write is still an error for the caller, at the next block or at the end.
final class RowStreamWriterTests: XCTestCase {
    /// 40,000 rows of about 95 bytes: three blocks and a remainder.
    private let rowCount = 40_000
    private func row(_ i: Int) -> [PropertyValue] { [.string("AFG\(i)"), .string(String(repeating: "x", count: 80)), .int(Int64(i))] }

    /// The whole answer as text.
    private var answer: String {
        var text = "id,notes,n\n"
        for i in 0..<rowCount { text += "AFG\(i),\(String(repeating: "x", count: 80)),\(i)\n" }
        return text
    }

    private var dir: URL!
    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    /// A new empty file in the test's folder, open for writing.
    private func newFile() throws -> (url: URL, handle: FileHandle) {
        let url = dir.appendingPathComponent("rows.csv")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        return (url, try FileHandle(forWritingTo: url))
    }

    func testBlocksWrittenByTheirOwnThreadArriveOnceAndInOrder() throws {
        let (url, handle) = try newFile()
        let writer = RowStreamWriter(handle: handle, format: .csv, columns: ["id", "notes", "n"])
        for i in 0..<rowCount { try writer.write(values: row(i), point: nil) }
        try writer.finish()
        try handle.close()
        let expected = answer
        XCTAssertGreaterThan(expected.utf8.count, 3 << 20, "three blocks and a remainder")
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), expected)
    }

    func testAFullDeviceIsAnErrorForTheCallerNotALoss() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw XCTSkip("no /dev/full here") }
        let writer = RowStreamWriter(handle: full, format: .csv, columns: ["id", "notes", "n"])
        var failure: Error?
        do {
            for i in 0..<rowCount { try writer.write(values: row(i), point: nil) }
            try writer.finish()
        } catch {
            failure = error
        }
        let error = try XCTUnwrap(failure, "writing 3.8 MB to /dev/full must fail") as NSError
        let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
        XCTAssertEqual(underlying?.domain, NSPOSIXErrorDomain, "\(error)")
        XCTAssertEqual(underlying?.code, Int(ENOSPC), "\(error)")
    }

    /// A writer dropped unfinished (the caller failed elsewhere) ends its thread and writes no more.
    func testAWriterDroppedUnfinishedEndsItsThread() throws {
        let (url, handle) = try newFile()
        do {
            let writer = RowStreamWriter(handle: handle, format: .csv, columns: ["id", "notes", "n"])
            for i in 0..<rowCount { try writer.write(values: row(i), point: nil) }
        }
        try handle.close()
        let written = try String(contentsOf: url, encoding: .utf8)
        let expected = answer
        XCTAssertTrue(expected.hasPrefix(written), "what was written is the answer's start")
        XCTAssertLessThan(written.utf8.count, expected.utf8.count, "the unfinished remainder is not written")
        XCTAssertTrue(written.isEmpty || written.hasSuffix("\n"), "whole blocks of whole rows")
    }
}

import XCTest
@testable import FrontierBase

final class ASCIIScanTests: XCTestCase {
    private func check(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let ascii = bytes.allSatisfy { $0 < 0x80 }, plain = ascii && !bytes.contains(0)
        bytes.withUnsafeBufferPointer {
            XCTAssertEqual(ASCIIScan.isASCII($0), ascii, "\(bytes)", file: file, line: line)
            XCTAssertEqual(ASCIIScan.isASCIIWithoutNUL($0), plain, "\(bytes)", file: file, line: line)
        }
    }

    /// One odd byte at every position of texts 0 to 24 bytes long (the eight-byte words, and the tail after
    /// them): a NUL, 0x80, 0xFF, and 0x01 beside a NUL (which the word test's borrow could misread).
    func testEveryPositionOfAWordAndItsTail() {
        for length in 0...24 {
            let plain = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            check(plain)
            for i in 0..<length {
                for odd: UInt8 in [0, 0x80, 0xFF, 0x7F, 0x01] {
                    var bytes = plain
                    bytes[i] = odd
                    check(bytes)
                    if i + 1 < length { bytes[i + 1] = 0x01; check(bytes) }
                    if i > 0 { bytes[i - 1] = 0x01; check(bytes) }
                }
            }
        }
        check(Array("Kabul — Pul-i-Charkhi".utf8))
        check(Array("AFG12345".utf8))
    }
}

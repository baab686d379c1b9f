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
}

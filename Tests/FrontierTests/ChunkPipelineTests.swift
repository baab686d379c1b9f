import Foundation
import XCTest
@testable import FrontierFormats
@testable import FrontierScan

/// The queue between the scan's cutting thread and its workers: results are taken by number whatever order
/// the workers finish in, a failure comes back as that chunk's result, and closing stops the workers with
/// chunks still waiting.
final class ChunkPipelineTests: XCTestCase {
    private struct Failure: Error, Equatable { var chunk: Int }

    private func chunk(_ k: Int) -> CSVChunker.Chunk {
        CSVChunker.Chunk(bytes: Array(repeating: UInt8(k % 256), count: k + 1), index: k)
    }

    /// Three workers (more than this machine's two cores), chunks whose work takes longer the lower their
    /// number (so later ones finish first): every result is the one of its chunk, read back in input order,
    /// with at most 6 chunks in flight, and every worker takes some.
    func testResultsComeBackByNumberWhateverOrderTheyFinishIn() throws {
        let workers = [10, 20, 30]
        let pipeline = ChunkPipeline<CSVChunker.Chunk, (chunk: Int, worker: Int, sum: Int)>(workers: workers) { chunk, worker in
            usleep(UInt32((12 - chunk.index % 12) * 200))
            return (chunk.index, worker, chunk.bytes.reduce(0) { $0 + Int($1) })
        }
        defer { pipeline.close() }
        var cut = 0, seenWorkers = Set<Int>()
        for k in 0..<200 {
            while cut < 200, cut - k < 6 {
                pipeline.submit(chunk(cut), number: cut)
                cut += 1
            }
            let result = try pipeline.take(k).get()
            XCTAssertEqual(result.chunk, k)
            XCTAssertEqual(result.sum, (k + 1) * (k % 256))
            seenWorkers.insert(result.worker)
        }
        XCTAssertEqual(seenWorkers, [10, 20, 30], "every worker took chunks")
    }

    /// A chunk that fails gives its error as its result; the chunks around it are unaffected.
    func testAFailureIsThatChunksResult() {
        let pipeline = ChunkPipeline<CSVChunker.Chunk, Int>(workers: [0, 1]) { chunk, _ in
            if chunk.index == 3 { throw Failure(chunk: 3) }
            return chunk.index * 2
        }
        defer { pipeline.close() }
        for k in 0..<6 { pipeline.submit(chunk(k), number: k) }
        for k in 0..<6 {
            switch pipeline.take(k) {
            case .success(let v): XCTAssertEqual(v, k * 2)
            case .failure(let e): XCTAssertEqual(e as? Failure, Failure(chunk: 3)); XCTAssertEqual(k, 3)
            }
        }
    }

    /// Closing with chunks still waiting drops them: it returns once the chunk being parsed is done, and the
    /// workers parse nothing after.
    func testClosingDropsTheChunksStillWaiting() {
        let parsed = ParsedCount()
        let pipeline = ChunkPipeline<CSVChunker.Chunk, Int>(workers: [0]) { chunk, _ in
            usleep(20_000)
            parsed.add()
            return chunk.index
        }
        for k in 0..<50 { pipeline.submit(chunk(k), number: k) }
        XCTAssertEqual(try pipeline.take(0).get(), 0)
        pipeline.close()
        let atClose = parsed.value
        XCTAssertLessThan(atClose, 5, "waiting chunks were dropped")
        usleep(50_000)
        XCTAssertEqual(parsed.value, atClose, "nothing parsed after close returned")
    }

    private final class ParsedCount: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }
}

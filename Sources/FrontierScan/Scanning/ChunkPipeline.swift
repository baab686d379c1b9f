import Dispatch
import Foundation
import FrontierFormats

/// The queue between the thread that cuts and merges chunks and the worker threads that parse them: chunks
/// go in numbered in input order, each worker takes the oldest waiting one as soon as it is free, and the
/// results come back by number, so the merging thread can take them in order whatever order they finish in.
///
/// No batch boundary holds anyone up: with a batch of one chunk per worker, a worker that finished first
/// waited for the other and for the merge to hand out the next batch, and the workers sat idle for nearly half
/// the scan. Here up to `depth` chunks are in flight (cut and not yet merged), so memory stays a few chunks.
/// `@unchecked Sendable`: every field is read and written under `condition`; worker w uses only `workers[w]`
/// (its own GEOS copies).
final class ChunkPipeline<Part, Result>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Waiting chunks, oldest first. A chunk leaves it when taken, so its bytes go with its worker. The cutting
    /// thread keeps at most `depth` chunks in flight, so taking the first of so few costs nothing to speak of.
    private var waiting: [(number: Int, chunk: Part)] = []
    /// Each chunk's result; a failed chunk's comes with the chunk, so that the merging thread lets go of it.
    private var results: [Int: (result: Swift.Result<Result, Error>, failed: Part?)] = [:]
    /// No more chunks will come (the input ended, or the scan stops).
    private var closed = false
    private let done = DispatchGroup()

    /// Starts one thread per worker, each parsing chunks with `process` until the pipeline is closed. Threads
    /// of their own, not blocks on a dispatch queue: a queue runs no more blocks at once than there are cores,
    /// so a third worker on two cores never started, and blocks that wait for work would hold the shared pool.
    init<Worker>(workers: [Worker], process: @escaping @Sendable (Part, Worker) throws -> Result) {
        for worker in workers {
            let box = UncheckedBox(worker)
            done.enter()
            let thread = Thread { [self] in
                self.work(box.value, process)
                self.done.leave()
            }
            thread.name = "frontier.scan"
            thread.start()
        }
    }

    /// Hands a chunk to the workers.
    func submit(_ chunk: Part, number: Int) {
        condition.lock()
        waiting.append((number, chunk))
        condition.signal()
        condition.unlock()
    }

    /// The result of chunk `number`, waiting for it; each is taken once.
    func take(_ number: Int) -> Swift.Result<Result, Error> {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let taken = results.removeValue(forKey: number) { return taken.result }
            condition.wait()
        }
    }

    /// Stops the workers (those parsing finish their chunk first; chunks still waiting are dropped) and waits
    /// until they have: nothing runs on a worker's copies after the scan returns.
    func close() {
        condition.lock()
        closed = true
        waiting.removeAll()
        condition.broadcast()
        condition.unlock()
        done.wait()
        // Results never taken (a scan stopped by an error) go here, on the thread that made the pipeline.
        condition.lock()
        results.removeAll()
        condition.unlock()
    }

    private func work<Worker>(_ worker: Worker, _ process: (Part, Worker) throws -> Result) {
        condition.lock()
        while true {
            while waiting.isEmpty && !closed { condition.wait() }
            if waiting.isEmpty { break }
            // Moved out of the queue: the only reference left is this worker's, until it lets go below.
            let (number, chunk) = waiting.removeFirst()
            condition.unlock()
            let result = Swift.Result { try process(chunk, worker) }
            condition.lock()
            // The worker lets go of the chunk before the lock lets the merging thread see its result, so that
            // thread, which holds the result (or, for a failure, the chunk beside it), lets go last: a caller's
            // table is released on the caller's thread.
            if case .failure = result {
                results[number] = (result, chunk)
            } else {
                results[number] = (result, nil)
            }
            _ = consume chunk
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Carries a worker object to its thread, which alone uses it.
    private struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}

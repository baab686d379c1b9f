import Foundation

/// Runs `write` on batches of rows on a thread of its own, so that a new store's inserts (SQLite's share of an
/// import, the larger one) run on one core while the scan's merge runs on the other: the scanning thread only
/// hands batches over. At most `capacity` batches wait; a full queue blocks the handing thread.
///
/// `@unchecked Sendable` under a strict discipline: `write` and everything it touches (the SQLite connection
/// and its statements) are used by the writer thread alone from `init` until `finish` or `stop` returns, and
/// by the caller alone after; the queue, the flags and the failure are touched only under `condition`.
final class BackgroundWriter<Row>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[Row]] = []
    private var ended = false
    private var running = true
    private var failure: Error?
    private let capacity: Int
    /// Dropped by the writer thread as it ends, with whatever it holds (SQLite statements): once `finish` or
    /// `stop` returns, nothing of the writer keeps them, and the connection can close.
    private var write: (([Row]) throws -> Void)?

    /// Starts the writer thread.
    init(capacity: Int = 4, write: @escaping ([Row]) throws -> Void) {
        self.capacity = capacity
        self.write = write
        let thread = Thread { [self] in run() }
        thread.name = "frontier.store-writer"
        thread.start()
    }

    /// Queues a batch. Throws the writer's failure, once it has failed (the rows then go nowhere).
    func submit(_ batch: [Row]) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(batch)
        condition.broadcast()
    }

    /// Waits until every queued batch is written and the thread has ended; throws the writer's failure.
    func finish() throws {
        try end(discarding: false)
    }

    /// Ends the thread without writing what is still queued (the import failed elsewhere) and waits for it.
    func stop() {
        try? end(discarding: true)
    }

    private func end(discarding: Bool) throws {
        condition.lock()
        defer { condition.unlock() }
        if discarding { queue.removeAll() }
        ended = true
        condition.broadcast()
        while running { condition.wait() }
        if let failure { throw failure }
    }

    private func run() {
        condition.lock()
        while true {
            while queue.isEmpty && !ended { condition.wait() }
            guard !queue.isEmpty, failure == nil else { break }
            let batch = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            do { try write?(batch) } catch {
                condition.lock()
                failure = error
                queue.removeAll()
                condition.broadcast()
                continue
            }
            condition.lock()
        }
        write = nil
        running = false
        condition.broadcast()
        condition.unlock()
    }
}

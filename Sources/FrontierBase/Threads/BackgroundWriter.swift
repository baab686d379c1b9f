import Foundation

/// Runs `write` on batches on a thread of its own, so that writing (a new store's SQLite inserts, the kernel's
/// copy of an answer into a file) runs on one core while the scan's merge runs on the other: the handing thread
/// only hands batches over. At most `capacity` batches wait; a full queue blocks the handing thread.
///
/// `@unchecked Sendable` under a strict discipline: `write` and everything it touches (an SQLite connection and
/// its statements, a file handle) are used by the writer thread alone from `init` until `finish` or `stop`
/// returns, and by the caller alone after; the queue, the flags and the failure are touched only under
/// `condition`.
package final class BackgroundWriter<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var ended = false
    private var running = true
    private var failure: Error?
    private let capacity: Int
    /// Dropped by the writer thread as it ends, with whatever it holds (SQLite statements): once `finish` or
    /// `stop` returns, nothing of the writer keeps them, and the connection can close.
    private var write: ((Batch) throws -> Void)?

    /// Starts the writer thread, named `name` (what a debugger or `top -H` shows).
    package init(name: String, capacity: Int = 4, write: @escaping (Batch) throws -> Void) {
        self.capacity = capacity
        self.write = write
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Queues a batch. Throws the writer's failure, once it has failed (the batch then goes nowhere).
    package func submit(_ batch: Batch) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(batch)
        condition.broadcast()
    }

    /// Waits until every queued batch is written and the thread has ended; throws the writer's failure.
    package func finish() throws {
        try end(discarding: false)
    }

    /// Ends the thread without writing what is still queued (the caller failed elsewhere) and waits for it.
    package func stop() {
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

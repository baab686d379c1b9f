import Foundation
import FrontierBase

/// Elements added in any order and read back sorted, in bounded memory whatever their number: every
/// `runLength` elements are sorted and written as a run to an unnamed temporary file (a `SpillFile` in the
/// given folder, the store's), and reading merges the runs. Fewer than `runLength` elements never touch the
/// disk. The elements are plain values (`BitwiseCopyable`), written as their bytes.
///
/// A new store's R-tree is packed from its points in longitude order (`RTreeBulkLoad`), gathered while the rows
/// go in rather than read back through SQLite's sorter, and its rowid table is written in id order (inserted
/// in packing order, each row cost a search of a table of every point).
///
/// One thread uses a sort and its merger (exclusivity is not checked at run time: a check per element was a
/// tenth of the merge).
final class SpillingSort<Element: SpillSorted> {
    private let runLength: Int
    @exclusivity(unchecked) private var run: [Element] = []
    /// The runs written, as (first element, count) in the file.
    private var runs: [(start: Int, count: Int)] = []
    fileprivate let file: SpillFile<Element>
    @exclusivity(unchecked) private(set) var count = 0

    /// `folder` is where runs are spilled, `runLength` how many elements are sorted in memory at once.
    init(folder: String, runLength: Int = 1 << 18) {
        self.runLength = max(2, runLength)
        file = SpillFile(folder: folder, purpose: "a sort")
        run.reserveCapacity(min(self.runLength, 1 << 16))
    }

    func add(_ element: Element) throws {
        run.append(element)
        count += 1
        if run.count == runLength { try spill() }
    }

    /// The elements in order: a merger whose `next` gives each once. Adding after this is not allowed.
    func sorted() throws -> Merger {
        if runs.isEmpty {
            run.sort(by: Element.precedes)
            defer { run = [] }
            return Merger(memory: run)
        }
        if !run.isEmpty { try spill() }
        run = []
        return try Merger(owner: self)
    }

    private func spill() throws {
        run.sort(by: Element.precedes)
        runs.append((try file.append(run), run.count))
        run.removeAll(keepingCapacity: true)
    }

    /// Gives the sorted elements of every run in one order: a binary heap over the runs' next elements, each
    /// run read from the file a block at a time.
    final class Merger {
        private struct Source {
            var next: Int
            var end: Int
            var buffer: [Element] = []
            var at = 0
        }
        private var memory: [Element]
        @exclusivity(unchecked) private var memoryAt = 0
        /// The sort whose file the runs are in (nil: every element is in `memory`).
        private let owner: SpillingSort?
        @exclusivity(unchecked) private var sources: [Source] = []
        /// Indices of the sources with elements left, as a heap ordered by their current element.
        @exclusivity(unchecked) private var heap: [Int] = []
        private static var block: Int { 4096 }

        fileprivate init(memory: [Element]) {
            self.memory = memory
            owner = nil
        }

        fileprivate init(owner: SpillingSort) throws {
            memory = []
            self.owner = owner
            sources = owner.runs.map { Source(next: $0.start, end: $0.start + $0.count) }
            for k in sources.indices {
                if try refill(k) { push(k) }
            }
        }

        /// The next element in order; nil after the last.
        func next() throws -> Element? {
            guard owner != nil else {
                guard memoryAt < memory.count else { return nil }
                memoryAt += 1
                return memory[memoryAt - 1]
            }
            guard let top = heap.first else { return nil }
            let element = sources[top].buffer[sources[top].at]
            sources[top].at += 1
            if sources[top].at == sources[top].buffer.count, !(try refill(top)) {
                let last = heap.removeLast()
                if !heap.isEmpty { heap[0] = last; siftDown() }
            } else {
                siftDown()
            }
            return element
        }

        private func head(_ k: Int) -> Element { sources[k].buffer[sources[k].at] }

        /// Reads the source's next block; false when it has none left.
        private func refill(_ k: Int) throws -> Bool {
            guard let owner else { return false }
            let n = min(Self.block, sources[k].end - sources[k].next)
            guard n > 0 else { return false }
            sources[k].buffer = try owner.file.read(from: sources[k].next, count: n)
            sources[k].at = 0
            sources[k].next += n
            return true
        }

        private func push(_ k: Int) {
            heap.append(k)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard Element.precedes(head(heap[i]), head(heap[parent])) else { break }
                heap.swapAt(i, parent)
                i = parent
            }
        }

        private func siftDown() {
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < heap.count, Element.precedes(head(heap[l]), head(heap[best])) { best = l }
                if r < heap.count, Element.precedes(head(heap[r]), head(heap[best])) { best = r }
                if best == i { return }
                heap.swapAt(i, best)
                i = best
            }
        }
    }
}

/// What `SpillingSort` sorts: plain values written as their bytes, in an order of their own.
protocol SpillSorted: BitwiseCopyable {
    /// Whether `a` comes before `b`.
    static func precedes(_ a: Self, _ b: Self) -> Bool
}

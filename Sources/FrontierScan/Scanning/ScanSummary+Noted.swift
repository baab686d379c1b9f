import FrontierPlaces

/// What the summary counts of a kept incident, as bits: so a worker can count its chunk's rows into a
/// partial summary, and the merge take back out the few it finds to be duplicates, by the bits each row keeps.
extension ScanSummary {
    struct Noted: OptionSet {
        let rawValue: UInt8
        init(rawValue: UInt8) { self.rawValue = rawValue }
        init() { rawValue = 0 }

        static let kept = Noted(rawValue: 1 << 0)
        /// Outside every region, when regions were asked for.
        static let unmatched = Noted(rawValue: 1 << 1)
        static let mismatched = Noted(rawValue: 1 << 2)
        /// geo_precision 3.
        static let regionLevel = Noted(rawValue: 1 << 3)
        static let countryLevel = Noted(rawValue: 1 << 4)
        static let unknownFatalities = Noted(rawValue: 1 << 5)

        /// The counts a kept incident falls under; `located`: regions were asked for. Borrowing: an
        /// initializer takes its arguments owned, and the row, still needed after, was copied for it.
        init(_ s: borrowing ScannedIncident, located: Bool) {
            var bits: Noted = .kept
            if located && s.region == nil { bits.insert(.unmatched) }
            if s.mismatched { bits.insert(.mismatched) }
            if s.incident.geoPrecision == 3 { bits.insert(.regionLevel) }
            if s.incident.countryLevel { bits.insert(.countryLevel) }
            if s.incident.fatalitiesUnknown { bits.insert(.unknownFatalities) }
            self = bits
        }
    }

    /// Counts `weight` kept incidents under `noted` (`sign` -1: takes them back out).
    mutating func note(_ noted: Noted, weight: Int, sign: Int = 1) {
        let n = weight * sign
        if noted.contains(.kept) { kept += n }
        if noted.contains(.unmatched) { unmatched += n }
        if noted.contains(.mismatched) { mismatched += n }
        if noted.contains(.regionLevel) { regionLevel += n }
        if noted.contains(.countryLevel) { countryLevel += n }
        if noted.contains(.unknownFatalities) { unknownFatalities += n }
    }

    /// Takes rows a chunk counted back out of its counts (duplicates the merge rejected): their kept counts
    /// and the swapped positions they were counted under. Their days are left to the caller, since a first or
    /// last day cannot be taken back out.
    mutating func unnote<Item>(_ entries: [ParallelScan<Item>.Entry], regions: RegionSet?) {
        for entry in entries {
            note(Noted(rawValue: entry.noted), weight: entry.weight, sign: -1)
            guard entry.swapped >= 0, let regions else { continue }
            let id = regions.regions[Int(entry.swapped)].id
            swappedInto[id, default: 0] -= entry.weight
            if swappedInto[id] == 0 { swappedInto[id] = nil }
        }
    }

    /// Adds a chunk's partial summary (`ParallelScan.ChunkResult.noted`): its kept counts, its days and its
    /// swapped positions. Its read and rejected counts are the merge's.
    mutating func absorb(_ chunk: ScanSummary) {
        kept += chunk.kept
        unmatched += chunk.unmatched
        mismatched += chunk.mismatched
        regionLevel += chunk.regionLevel
        countryLevel += chunk.countryLevel
        unknownFatalities += chunk.unknownFatalities
        if let first = chunk.firstDay { noteDay(first) }
        if let last = chunk.lastDay { noteDay(last) }
        for (id, n) in chunk.swappedInto { swappedInto[id, default: 0] += n }
    }
}

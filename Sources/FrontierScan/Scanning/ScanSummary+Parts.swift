import FrontierPlaces

extension ScanSummary {
    /// The summary of one input read in parts, each by its own scan (a Spark partition each): what a single
    /// scan of the whole would have said, from the parts' summaries alone.
    ///
    /// Counts add up, the period runs from the earliest first day to the latest last day, and a condition's
    /// value is reported as found nowhere only when every part with a valid row (the rows conditions are
    /// tested on) reports it so. Its nearest
    /// values are the nearest among the parts' own nearest ones: the whole's few nearest are each among the
    /// nearest of the part that held them, so the choice is the same as one scan's; how many distinct values
    /// the column held is not known from the parts (nil).
    /// - Parameter parts: the parts' summaries, in any order.
    public static func merged(_ parts: [ScanSummary]) -> ScanSummary {
        var whole = ScanSummary()
        for part in parts {
            whole.read += part.read
            whole.rejected += part.rejected
            whole.absorb(part)
            for (kind, n) in part.rejectedByKind { whole.rejectedByKind[kind, default: 0] += n }
        }
        let reading = parts.filter { $0.read > $0.rejected }
        guard let first = reading.first else { return whole }
        for missing in first.valuesNotFound {
            let key = RegionAliases.normalize(missing.value)
            let everywhere = reading.map { part in
                part.valuesNotFound.first { $0.column == missing.column && RegionAliases.normalize($0.value) == key }
            }
            guard everywhere.allSatisfy({ $0 != nil }) else { continue }
            let candidates = Array(Set(everywhere.flatMap { $0?.nearest ?? [] }))
            whole.valuesNotFound.append(ValueNotFound(column: missing.column, value: missing.value,
                                                      nearest: EditDistance.nearest(to: missing.value, among: candidates), distinct: nil))
        }
        return whole
    }
}

import FrontierBase

/// An option a notice points the reader to, named by each front end in its own way: the command line's
/// flags (`--id-field`), a library's keywords (`id_field`).
public enum NoticeOption: Sendable, Equatable {
    /// The id, fatalities, latitude and longitude columns' names; the delimiter; the regions counted in.
    case idField, fatalitiesField, latField, lonField, delimiter, regions
    /// Reading with this profile (`--profile ucdp`).
    case profile(SourceProfile)
    /// The condition that a column holds a value (`--where admin1=Badakshan`), escaped for a message.
    case condition(column: String, value: String)
}

extension ScanNotice {
    /// A warning rather than a notice: the answer is likely not what was meant (most incidents unplaced).
    public var isWarning: Bool {
        if case .mostlyUnmatched = self { return true }
        return false
    }

    /// The notice in words, the one wording every front end shows: the options it points to named by `name`.
    /// - Parameters:
    ///   - file: the input as messages show it (escaped).
    ///   - countsFatalities: whether the answer counts fatalities (a missing fatalities column matters then).
    ///   - name: how the caller's users name an option.
    /// - Returns: the text, or nil for a notice that says nothing to this question.
    public func text(file: String, countsFatalities: Bool, name: (NoticeOption) -> String) -> String? {
        let e = MessageText.escaped(_:) as (String) -> String
        switch self {
        case .noColumn(.id, let column):
            return "\(file) has no '\(e(column))' column: duplicate ids are not detected (name the id column with \(name(.idField)))"
        case .noColumn(.fatalities, let column) where countsFatalities:
            return "\(file) has no '\(e(column))' column: fatalities count as 0 (name the column with \(name(.fatalitiesField)), e.g. best for UCDP GED)"
        case .noColumn:
            return nil  // fatalities an answer does not count, or a column no answer here reads: nothing to tell
        case .profileDetected(let profile):
            return "\(file) has \(profile == .ucdp ? "UCDP GED's" : "ACLED's") columns: read with \(name(.profile(profile)))"
        case .delimiterDetected(let byte):
            return "\(file) is read as \(byte == 9 ? "tab" : "'\(Character(UnicodeScalar(byte)))'")-separated, as its header line is "
                + "(\(name(.delimiter)) forces one)"
        case .locatedInFrontier(let reason):
            return "\(file): located in Frontier, not on the server: \(reason)"
        case .valueNotFound(let v):
            let nearest = v.nearest.map { "'\(e($0))'" }.joined(separator: ", ")
            let column = e(v.column)
            let suggestion: String
            if v.nearest.isEmpty {
                suggestion = "\(column) holds too many distinct values to suggest the nearest"
            } else if let distinct = v.distinct {
                suggestion = "nearest of the \(distinct) value\(distinct == 1 ? "" : "s") of \(column) read: \(nearest)"
            } else {
                // Parts read apart (ScanSummary.merged) know their nearest values, not how many there were.
                suggestion = "nearest values of \(column) read: \(nearest)"
            }
            return "\(name(.condition(column: column, value: e(v.value)))) matched no row of \(file): \(suggestion)"
        case .swappedCoordinates(let rows, let regions):
            let named = regions.prefix(3).map(e).joined(separator: ", ") + (regions.count > 3 ? ", …" : "")
            return "\(rows) row\(rows == 1 ? "" : "s") of \(file) would lie in \(named) with latitude and longitude swapped "
                + "(check which column holds which; \(name(.latField)) and \(name(.lonField)) name them)"
        case .mostlyUnmatched(let unmatched, let kept):
            return "\(unmatched) of the \(kept) incidents kept lie outside every region: check the coordinates, and the regions (\(name(.regions)))"
        }
    }
}

import Frontier

/// What a scan noticed, in the words of the C ABI's callers: keywords (`id_field`), not the command line's
/// flags. A Python caller sees each as a warning.
enum NoticeText {
    /// - Parameters:
    ///   - notice: what the scan noticed.
    ///   - file: the input as messages name it.
    ///   - countsFatalities: whether the question counts fatalities (a missing fatalities column matters then).
    /// - Returns: the text, or nil for a notice that says nothing to this question.
    static func text(_ notice: ScanNotice, file: String, countsFatalities: Bool) -> String? {
        let e = MessageText.escaped(_:) as (String) -> String
        switch notice {
        case .noColumn(.id, let name):
            return "\(e(file)) has no '\(e(name))' column: duplicate ids are not detected (name the id column with id_field)"
        case .noColumn(.fatalities, let name) where countsFatalities:
            return "\(e(file)) has no '\(e(name))' column: fatalities count as 0 (name the column with fatalities_field)"
        case .noColumn:
            return nil
        case .profileDetected(let profile):
            return "\(e(file)) has \(profile == .ucdp ? "UCDP GED's" : "ACLED's") columns: read with profile=\"\(profile.rawValue)\""
        case .delimiterDetected(let byte):
            return "\(e(file)) is read as \(byte == 9 ? "tab" : "'\(Character(UnicodeScalar(byte)))'")-separated, as its header line is"
        case .locatedInFrontier(let reason):
            return "\(e(file)): located in Frontier, not on the server: \(reason)"
        case .valueNotFound(let v):
            let nearest = v.nearest.map { "'\(e($0))'" }.joined(separator: ", ")
            return "where \(e(v.column))=\(e(v.value)) matched no row of \(e(file)): "
                + (v.distinct.map { "nearest of the \($0) value\($0 == 1 ? "" : "s") of \(e(v.column)) read: \(nearest)" }
                   ?? "\(e(v.column)) holds too many distinct values to suggest the nearest")
        case .swappedCoordinates(let rows, let regions):
            let named = regions.prefix(3).map(e).joined(separator: ", ") + (regions.count > 3 ? ", …" : "")
            return "\(rows) row\(rows == 1 ? "" : "s") of \(e(file)) would lie in \(named) with latitude and longitude swapped "
                + "(check which column holds which; lat_field and lon_field name them)"
        case .mostlyUnmatched(let unmatched, let kept):
            return "\(unmatched) of the \(kept) incidents kept lie outside every region: check the coordinates and the regions"
        }
    }
}

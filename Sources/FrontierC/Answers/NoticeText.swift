import Frontier

/// What a scan noticed, in the engine's one wording (`ScanNotice.text`) with options named as the C ABI's
/// callers name them: keywords (`id_field`), not the command line's flags. A Python caller sees each as a warning.
enum NoticeText {
    /// - Parameters:
    ///   - notice: what the scan noticed.
    ///   - file: the input as messages name it.
    ///   - countsFatalities: whether the question counts fatalities (a missing fatalities column matters then).
    /// - Returns: the text, or nil for a notice that says nothing to this question.
    static func text(_ notice: ScanNotice, file: String, countsFatalities: Bool) -> String? {
        notice.text(file: MessageText.escaped(file), countsFatalities: countsFatalities, name: keyword)
    }

    /// An option as a keyword.
    static func keyword(_ option: NoticeOption) -> String {
        switch option {
        case .idField: return "id_field"
        case .fatalitiesField: return "fatalities_field"
        case .latField: return "lat_field"
        case .lonField: return "lon_field"
        case .delimiter: return "delimiter"
        case .regions: return "regions"
        case .profile(let profile): return "profile=\"\(profile.rawValue)\""
        case .condition(let column, let value): return "where \(column)=\(value)"
        }
    }
}

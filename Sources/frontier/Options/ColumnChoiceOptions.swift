import ArgumentParser
import Frontier

/// `--columns a,b,c`: which input columns join and near write, in that order (the columns they append
/// always follow). A wide export (UCDP GED has 49 columns) becomes a table a terminal can show.
struct ColumnChoiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write only these input columns, in this order (the region and distance columns always follow).", valueName: "a,b,c"))
    var columns: String?

    func validate() throws {
        if let columns, names(columns).isEmpty { throw ValidationError("--columns takes column names separated by commas, e.g. id,date_start,adm_1") }
        // A column written twice would be a duplicate key in JSON and a repeated header in CSV.
        if let columns, let twice = Self.repeated(names(columns)) { throw ValidationError("--columns names \(twice) twice: name each column once") }
    }

    /// The first name given twice, as typed (two spellings of one column are found against the header).
    private static func repeated(_ names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }

    private func names(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The chosen column names, in order (nil: all).
    var chosen: [String]? { columns.map(names) }
}

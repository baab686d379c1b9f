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

    /// The chosen columns' positions in `scan`'s header (nil: all); an unknown name is an error listing
    /// the header.
    func positions(in scan: IncidentScan) throws -> [Int]? {
        guard let columns else { return nil }
        var chosen: [Int] = []
        for name in names(columns) {
            guard let i = IncidentFields.column(name, in: scan.columns) else {
                throw FrontierError.unknownColumn(file: scan.name, column: name, found: scan.columns)
            }
            // Two spellings of one column (Latitude, latitude) found in the header.
            if chosen.contains(i) { throw UsageError("--columns names the column \(scan.columns[i]) twice: name each column once") }
            chosen.append(i)
        }
        return chosen
    }
}

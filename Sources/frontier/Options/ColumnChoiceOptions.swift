import ArgumentParser
import Frontier

/// `--columns a,b,c`: which input columns join and near write, in that order (the columns they append
/// always follow). A wide export (UCDP GED has 49 columns) becomes a table a terminal can show.
struct ColumnChoiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write only these input columns, in this order (the region and distance columns always follow).", valueName: "a,b,c"))
    var columns: String?

    func validate() throws {
        if let columns, names(columns).isEmpty { throw ValidationError("--columns takes column names separated by commas, e.g. id,date_start,adm_1") }
    }

    private func names(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The chosen columns' positions in `scan`'s header (nil: all); an unknown name is an error listing
    /// the header.
    func positions(in scan: IncidentScan) throws -> [Int]? {
        guard let columns else { return nil }
        return try names(columns).map { name in
            guard let i = IncidentFields.column(name, in: scan.columns) else {
                throw FrontierError.unknownColumn(file: scan.name, column: name, found: scan.columns)
            }
            return i
        }
    }
}

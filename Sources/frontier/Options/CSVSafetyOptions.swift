import ArgumentParser

/// `--csv-safe`: CSV cells a spreadsheet would run as formulas are written as text, in every CSV a command
/// writes (its output, --rejects, --mismatches). Off by default: CSV stays byte-faithful to the input.
struct CSVSafetyOptions: ParsableArguments {
    @Flag(help: "In CSV written (output, --rejects, --mismatches), prefix ' to cells starting with =, +, -, @, tab or CR (numbers excepted), so a spreadsheet shows them as text instead of running a formula. For files opened in Excel, LibreOffice or Google Sheets.")
    var csvSafe = false
}

/// A command that writes CSV and so takes --csv-safe; `EngineCommand.run` applies it to every CSV the run writes.
protocol WritesCSV {
    var csvSafety: CSVSafetyOptions { get }
}

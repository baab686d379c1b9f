import ArgumentParser
import Foundation
import Frontier

struct SynthCommand: EngineCommand, ReadsGeoData, ChecksOutputName {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate deterministic synthetic incidents (ACLED CSV layout) for benchmarks.",
        discussion: """
        Writes COUNT synthetic incidents as CSV with ACLED's columns: event_id_cnty, event_date, year, \
        event_type, sub_event_type, actor1, actor2, country, admin1, location, latitude, longitude, \
        geo_precision, fatalities, source, notes. The same --seed gives the same bytes; a different seed \
        gives different rows.

        The incidents are drawn like real conflict data, not uniformly: about 70% lie within 60 km of \
        Afghanistan's international borders (spread along the lines in proportion to their length, \
        denser near the line, plus a few dozen hotspots with their own active periods), the rest are spread \
        over Afghanistan, Pakistan, Tajikistan, Uzbekistan, Turkmenistan, Kyrgyzstan and Iran east of 55°E. \
        Dates run from 2024-01-01 to 2026-12-31 with a summer peak. Event types, actors (generic names such \
        as "Unidentified Armed Group (Afghanistan)"), fatalities (mostly 0, heavy-tailed) and geo_precision \
        (1: 60%, 2: 30%, 3: 10%) follow ACLED-style shares. country and admin1 are those of the bundled \
        admin-1 region that covers each point.

        Every row is marked synthetic: the id starts with SYN, source is "synthetic" and notes says the row \
        is not a real event. Never present this data as real.

        --twin ucdp --of FILE writes instead a second view of FILE's events in UCDP GED's layout, with the \
        truth of which rows are the same event, to score `frontier match`: 80% of its armed events again, \
        moved up to 2, 5 or 8 km by their geo_precision, a day off or dated by a range, typed as UCDP's \
        type_of_violence; near-duplicates that are not them (the same place days later, the same day 14-20 \
        km away); events only in this view. twin_of names the event a row is the twin of (empty otherwise).

        Examples:
          frontier synth --count 1000 --seed 7 --out synthetic-1k.csv
          frontier synth --count 1000000 --seed 42 --out synthetic-1m.csv
          frontier synth --count 20 | column -s, -t
          frontier synth --twin ucdp --of synthetic-1k.csv --seed 7 --out synthetic-1k-ucdp.csv
        """
    )

    @Option(parsing: .unconditional, help: "Number of incidents to generate (> 0; not with --twin).")
    var count: Int?

    @Option(help: ArgumentHelp("Write a second view of --of's events in this layout: ucdp.", valueName: "layout"))
    var twin: TwinLayout?

    @Option(help: ArgumentHelp("With --twin: the ACLED-layout CSV whose events the twin views.", valueName: "file"))
    var of: String?

    enum TwinLayout: String, ExpressibleByArgument {
        case ucdp
    }

    @Option(parsing: .unconditional, help: "Seed of the random draws: the same seed gives the same output.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Write to this CSV file (.csv) instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var geodata: GeoDataOptions
    var files: CommandFiles { .input(of, role: "the file --of names") + .output(out, flag: "--out") }

    /// Synthetic incidents are written as ACLED's CSV export is, and named so.
    func checkOutputName() throws {
        _ = try OutputNaming(written: [.init(format: "csv", extensions: ["csv"])]).format(out: out, given: "csv")
    }

    func validate() throws {
        if twin != nil {
            guard of != nil else { throw ValidationError("--twin views the events of a file: name it with --of") }
            if count != nil { throw ValidationError("--count does not go with --twin: the twin views --of's events") }
            return
        }
        if of != nil { throw ValidationError("--of names the file a --twin views: give --twin ucdp") }
        guard let count else { throw ValidationError("Missing expected argument '--count <count>'") }
        guard count > 0 else { throw ValidationError("--count must be greater than 0 (got \(count))") }
    }

    func execute() throws {
        if twin != nil, let of { return try writeTwin(of: of) }
        let count = count ?? 0
        let start = ContinuousClock.now
        let synth = try Synth(options: SynthOptions(count: count, seed: seed, generator: "frontier synth"), geodata: geodata.location())
        let file = try OutputFile(out)
        let rows = try file.writing { try synth.write(to: $0) }
        try file.commit()
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        Diagnostics.note("synth: \(rows) synthetic rows (seed \(seed)) in \(String(format: "%.2f", seconds)) s"
                         + (out.map { " → \($0)" } ?? ""))
    }

    private func writeTwin(of source: String) throws {
        let (csv, summary) = try TwinSynth.ucdp(of: source, seed: seed)
        let file = try OutputFile(out)
        _ = try file.writing { try $0.write(contentsOf: Data(csv.utf8)) }
        try file.commit()
        Diagnostics.note("synth --twin ucdp: \(summary.twins) twins of \(summary.armed) armed events (of \(summary.read) read), "
                         + "\(summary.distractors) near-duplicates that are not twins, \(summary.onlyHere) only in this view (seed \(seed))"
                         + (out.map { " → \($0)" } ?? ""))
    }
}

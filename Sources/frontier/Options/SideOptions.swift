import ArgumentParser
import Frontier

/// `--side ISO3`, `--any-country`: which side of a border the incidents near it may lie on (near, and
/// aggregate and map with --near). A zone around a border reaches past the line's ends into third
/// countries (the 25 km AFG-TJK zone touches Pakistan, China and Uzbekistan), so by default only the
/// incidents inside the border's own two countries are kept.
struct SideOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only incidents inside this country (ISO3): one side of the border (e.g. TJK).", valueName: "ISO3"))
    var side: String?

    @Flag(help: "With a border: keep incidents in any country, not only the border's two.")
    var anyCountry = false

    func validate() throws {
        if side != nil && anyCountry { throw ValidationError("--side keeps one country; --any-country keeps all: give one of them") }
    }

    var given: Bool { side != nil || anyCountry }

    /// The engine's form of these flags.
    var choice: SideChoice { side.map(SideChoice.country) ?? (anyCountry ? .any : .borderCountries) }

    /// Usage checks that need only the border's id (`AFG-TJK` names both countries): `--side` must be one
    /// of them. A usage error, before any file is read.
    func validate(border: String?, region: String?) throws {
        if let side, let border {
            let codes = border.uppercased().split(separator: "-").map(String.init)
            if codes.count == 2, !codes.contains(side.uppercased()) {
                throw ValidationError("--side \(side) is not one of \(border.uppercased())'s countries (\(codes.joined(separator: ", ")))")
            }
        }
        if anyCountry && region != nil { throw ValidationError("--any-country applies to --border: a region's zone keeps every country already") }
    }
}

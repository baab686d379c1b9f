import ArgumentParser

/// `--region-code`, on the commands that write the region columns: opt-in, so the contract's columns stay
/// where they are for every reader that does not ask.
struct RegionCodeOption: ParsableArguments {
    @Flag(help: "Add region_code after region_name: the region's ISO 3166-2 code (a country's alpha-2 with --regions admin0; empty where it has none).")
    var regionCode = false
}

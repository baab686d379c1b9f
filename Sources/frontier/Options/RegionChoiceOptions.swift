import ArgumentParser
import Frontier

/// `--region ID_OR_NAME` (repeatable): only the incidents located in these regions (aggregate, map,
/// hotspots, trends), and with `--fill`, exactly their series. Names resolve as everywhere: id, unique name or alias.
struct RegionChoiceOptions: ParsableArguments {
    @Option(name: .customLong("region"), help: ArgumentHelp("Only incidents located in this region: an id (AFG:Badakhshan), unique name or alias (repeatable: any of them).", valueName: "region"))
    var chosen: [String] = []
}

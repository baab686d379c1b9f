import ArgumentParser
import Frontier

/// `--region ID_OR_NAME` (repeatable): only the incidents located in these regions (aggregate, map,
/// hotspots, trends), and with `--fill`, exactly their series. Names resolve as everywhere: id, unique name or alias.
struct RegionChoiceOptions: ParsableArguments {
    @Option(name: .customLong("region"), help: ArgumentHelp("Only incidents located in this region: an id (AFG:Badakhshan), a name or alias, or the start of a word of one region's name (Gorno); a name several regions share or begin with is an error listing their ids (repeatable: any of them).", valueName: "region"))
    var chosen: [String] = []
}

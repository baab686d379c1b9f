import ArgumentParser
import Geo

@main
struct FrontierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontier",
        abstract: "Border-region incident analysis over PROJ and GEOS.",
        discussion: """
        Frontier answers questions about incidents along Afghanistan's frontiers with the boundaries \
        bundled in GeoData (Natural Earth admin-0 and admin-1, and the border lines derived from them).

        Quick start: frontier regions --country AFG
        """,
        version: "frontier 0.1.0 (\(LibraryVersions.summary))",
        subcommands: [RegionsCommand.self, BordersCommand.self, JoinCommand.self, NearCommand.self, BufferCommand.self, AggregateCommand.self, MapCommand.self, ImportCommand.self, StoreCommand.self, SynthCommand.self, GeoDataCommand.self]
    )
}

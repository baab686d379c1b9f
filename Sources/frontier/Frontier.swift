import ArgumentParser
import Geo

@main
struct FrontierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontier",
        abstract: "Border-region incident analysis over PROJ and GEOS.",
        version: "frontier 0.1.0 (\(LibraryVersions.summary))"
    )
}

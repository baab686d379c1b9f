/// The versions of the C libraries Frontier runs on, for a program's version report and bug reports.
public enum LibraryVersions {
    public static var summary: String {
        "PROJ \(ProjContext.version), GEOS \(GEOSContext.version)"
    }
}

/// The versions of the C libraries Frontier runs on, for `--version` lines and bug reports.
public enum LibraryVersions {
    public static var summary: String {
        "PROJ \(ProjContext.version), GEOS \(GEOSContext.version)"
    }
}

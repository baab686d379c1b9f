/// What a map request writes: the whole report as one HTML page, only its SVG map (with its legend), a PNG
/// picture of that map, or the report printed as PDF. The last two are rendered by headless Chromium
/// (`HeadlessChromium`), so they need it installed.
public enum MapFormat: String, Sendable, CaseIterable {
    /// The report: the map, the time series and the table of the busiest regions, in one offline page.
    case html
    /// The map alone, with its legend, as an SVG document.
    case svg
    /// The map alone, with its legend, as a PNG picture at twice its SVG size (sharp on paper and screens).
    case png
    /// The whole report as Chromium prints it (A4 or Letter as Chromium's locale decides), the map on one page.
    case pdf

    /// The extensions naming this format, the usual one first.
    public var fileExtensions: [String] { self == .html ? ["html", "htm"] : [rawValue] }

    /// The format a file's extension names (`report.html`, `map.SVG`, `map.png`, `report.pdf`); nil for any
    /// other extension, which names nothing a map is written as.
    public init?(fileExtension ext: String) {
        guard let format = Self.allCases.first(where: { $0.fileExtensions.contains(ext.lowercased()) }) else { return nil }
        self = format
    }

    /// Whether headless Chromium renders this format.
    public var needsBrowser: Bool { self == .png || self == .pdf }
}

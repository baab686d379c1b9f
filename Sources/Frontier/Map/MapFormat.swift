/// What a map request writes: the whole report as one HTML page, or only its SVG map (with its legend).
public enum MapFormat: String, Sendable {
    /// The report: the map, the time series and the table of the busiest regions, in one offline page.
    case html
    /// The map alone, with its legend, as an SVG document.
    case svg
}

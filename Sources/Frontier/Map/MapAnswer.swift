import Foundation

/// The report a `MapScan` drew: the document to write, the report it was drawn from, and what was read.
public struct MapAnswer {
    /// The request answered.
    public let request: MapRequest
    /// The report as drawn, with what was gathered (counts per region and day, positions, marks, the view's
    /// focus); a caller may draw its other form (`svg()` or `html()`) from it.
    public let report: MapReport
    /// The document as text: a whole HTML page, or an SVG map with its legend; for a PNG, the page holding
    /// the map that Chromium drew, and for a PDF, the report page it printed.
    public let text: String
    /// The bytes to write, in the request's format: `text` in UTF-8 for HTML and SVG, the PNG or PDF Chromium
    /// rendered otherwise.
    public let document: Data
    /// What the scan read: rows read, rejected, kept, outside every region, mismatched.
    public let summary: ScanSummary
    /// Each input's own summary, in order (one for a single input): `summary` is theirs merged.
    public let summaries: [ScanSummary]
    /// `.noIncidentMatched` when no incident was mapped (the map then shows its regions with no marks).
    public let notices: [RequestNotice]
    /// The incidents dated by a range of days and what became of them; nil when the input has no range column.
    public let dateRanges: DateRangeCounts?

    /// How many incidents were mapped (counted, and drawn as the style draws them).
    public var mapped: Int { report.positions.count }

    /// The style drawn: `auto` resolved by the count.
    public var resolvedStyle: MapReport.Style { report.resolvedStyle }
}

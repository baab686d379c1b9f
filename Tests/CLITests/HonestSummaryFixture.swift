import Foundation
import XCTest

/// The inputs of issue 27's reproductions for the scan's honest summaries (items 2, 3, 8, 10), written once
/// for the contract tests and the in-process tests beside them.
enum HonestSummaryFixture {
    /// The repository's GeoData folder (the tests run from the package root).
    static var geodata: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData")
    }

    /// GeoData/incidents-reported.csv: four incidents, all geo_precision 3; event types "Battles" (two),
    /// "Explosions/Remote violence" and "Violence against civilians".
    static var reported: String { geodata.appendingPathComponent("incidents-reported.csv").path }

    /// The UCDP GED sample beside the project (absent on some machines: tests using it skip then).
    static var ucdp: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/realdata/ucdp_ged_afghanistan_region.csv").path
    }

    /// Skips the test with a message naming the file when the UCDP sample is missing.
    static func requireUCDP() throws -> String {
        guard FileManager.default.fileExists(atPath: ucdp) else {
            throw XCTSkip("\(ucdp) is absent: the UCDP GED sample is not on this machine")
        }
        return ucdp
    }

    /// GeoData/incidents-reported.csv with every row's latitude and longitude swapped: the four rows lie
    /// north of 69°N, outside every region; swapped back, three lie in Khatlon and one in Gorno-Badakhshan,
    /// the provinces (of Tajikistan) they report.
    static func swappedReported() throws -> String {
        let text = try String(contentsOfFile: reported, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices.dropFirst() where !lines[i].isEmpty {
            for (lat, lon) in [("37.844177", "69.150368"), ("38.067329", "73.055355")] {
                lines[i] = lines[i].replacingOccurrences(of: ",\(lat),\(lon),", with: ",\(lon),\(lat),")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// ACLED's columns, a row each with fatalities `NA`, ` n/a ` (spaced), `-`, `Unknown`, `3` and empty,
    /// all in Khatlon in November 2025: six events, 3 fatalities known, four unknown.
    static let unknownFatalities = """
        event_id_cnty,event_date,event_type,country,admin1,latitude,longitude,geo_precision,fatalities
        U1,2025-11-02,Battles,Tajikistan,Khatlon,37.844177,69.150368,1,NA
        U2,2025-11-03,Battles,Tajikistan,Khatlon,37.844177,69.150368,1, n/a 
        U3,2025-11-04,Battles,Tajikistan,Khatlon,37.844177,69.150368,1,-
        U4,2025-11-05,Battles,Tajikistan,Khatlon,37.844177,69.150368,1,Unknown
        U5,2025-11-06,Battles,Tajikistan,Khatlon,37.844177,69.150368,1,3
        U6,2025-11-07,Battles,Tajikistan,Khatlon,37.844177,69.150368,1,

        """

    /// UCDP GED's columns (told from the header), two rows placed only at country level (where_prec 6) at
    /// 33°N 65°E, as UCDP places Afghanistan's country-level events, and one exact row in Khatlon.
    static let ucdpCountryLevel = """
        id,date_start,date_end,best,where_prec,country,adm_1,latitude,longitude
        167685,2016-05-01,2016-05-01,2,6,Afghanistan,,33.0,65.0
        205370,2017-06-01,2017-06-01,4,6,Afghanistan,,33.0,65.0
        300001,2017-06-02,2017-06-02,1,1,Tajikistan,Khatlon,37.844177,69.150368

        """

    /// A free-text column of 600 distinct values (past what the scan keeps per conditioned column).
    static func freeText() -> String {
        var text = "event_id_cnty,event_date,notes,latitude,longitude,fatalities\n"
        for i in 1...600 { text += "F\(i),2025-11-02,note number \(i),37.844177,69.150368,0\n" }
        return text
    }
}

import Foundation

extension FolderTestCase {
    /// Twenty-five points 0.2° × 0.25° apart in northern Afghanistan with one incident a month through 2025,
    /// and 40 more at (36.4, 66.5) on 2025-12-20: 340 incidents, one place new and hot in December.
    /// Written once for the hot-spot contract tests and the in-process ones, so both ask about the same place.
    func writeNewCluster() throws -> String {
        var text = "event_id_cnty,event_date,latitude,longitude,fatalities\n"
        var n = 0
        for i in 0..<5 {
            for j in 0..<5 {
                for month in 1...12 {
                    n += 1
                    text += "E\(n),2025-\(month < 10 ? "0" : "")\(month)-15,\(36.0 + Double(i) * 0.2),\(66.0 + Double(j) * 0.25),1\n"
                }
            }
        }
        for _ in 0..<40 { n += 1; text += "E\(n),2025-12-20,36.4,66.5,2\n" }
        return try write(text, "cluster.csv")
    }
}

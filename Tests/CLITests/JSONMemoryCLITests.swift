import Foundation
import XCTest

/// GeoJSON inputs read as streams: the same answers as before for ordinary files, a documented ceiling on
/// distinct property names, strict JSON whose errors name the file, line and feature.
final class JSONMemoryCLITests: FolderTestCase {
    @discardableResult
    private func run(_ arguments: [String], _ status: Int32, says text: String? = nil, stdin: Data? = nil) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(arguments, stdin: stdin)
        XCTAssertEqual(r.status, status, "\(arguments): \(r.stderr)")
        if let text { XCTAssertTrue(r.stderr.contains(text), "\(arguments) should say \(text): \(r.stderr)") }
        return r
    }

    private func point(_ properties: String, _ coordinates: String = "[70.58,37.12]") -> String {
        "{\"type\":\"Feature\",\"properties\":{\(properties)},\"geometry\":{\"type\":\"Point\",\"coordinates\":\(coordinates)}}"
    }

    /// Features with different property sets, a nested value, typed numbers, an escaped string, an altitude,
    /// `-0` and a rejected LineString: joined exactly as the whole-document reader joined them.
    static let mixed = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"event_id_cnty":"M1","event_date":"2025-11-26","fatalities":2,"actor":"A","tags":["x",{"b":1,"a":-0}]},"geometry":{"type":"Point","coordinates":[70.58,37.12]}},
        {"type":"Feature","properties":{"event_id_cnty":"M2","event_date":"2025-11-27","fatalities":0,"score":1.50,"flag":true,"big":1e2},"geometry":{"type":"Point","coordinates":[69.2,34.5,1200]}},
        {"type":"Feature","properties":{"event_id_cnty":"M3","event_date":"2025-11-28","Notes":"caf\\u00e9 \\"q\\" \\ud83d\\ude00","actor":null},"geometry":{"type":"LineString","coordinates":[[70,37],[71,38]]}},
        {"type":"Feature","properties":{"event_id_cnty":"M4","event_date":"2025-11-29","zeta":-7},"geometry":{"type":"Point","coordinates":[-0,0.0]}}
        ]}

        """

    func testHeterogeneousPropertiesJoinAsTheWholeDocumentReaderJoinedThem() throws {
        let file = try write(Self.mixed, "mixed.geojson")
        let csv = try run(["join", file, "--format", "csv"], 0, says: "mixed.geojson:3: field 'geometry': geometry is a LineString, not a Point")
        XCTAssertEqual(csv.stdout, """
            actor,event_date,event_id_cnty,fatalities,tags,big,flag,score,Notes,zeta,region_id,region_country,region_name
            A,2025-11-26,M1,2,"[""x"",{""a"":0,""b"":1}]",,,,,,AFG:Badakhshan,AFG,Badakhshan
            ,2025-11-27,M2,0,,100,true,1.5,,,AFG:Kabul,AFG,Kabul
            ,2025-11-29,M4,,,,,,,-7,,,

            """)
        let json = try run(["join", file, "--format", "json"], 0)
        XCTAssertEqual(json.stdout, """
            [
            {"actor":"A","event_date":"2025-11-26","event_id_cnty":"M1","fatalities":2,"tags":"[\\"x\\",{\\"a\\":0,\\"b\\":1}]","big":null,"flag":null,"score":null,"Notes":null,"zeta":null,"region_id":"AFG:Badakhshan","region_country":"AFG","region_name":"Badakhshan"},
            {"actor":null,"event_date":"2025-11-27","event_id_cnty":"M2","fatalities":0,"tags":null,"big":100,"flag":true,"score":1.5,"Notes":null,"zeta":null,"region_id":"AFG:Kabul","region_country":"AFG","region_name":"Kabul"},
            {"actor":null,"event_date":"2025-11-29","event_id_cnty":"M4","fatalities":null,"tags":null,"big":null,"flag":null,"score":null,"Notes":null,"zeta":-7,"region_id":"","region_country":"","region_name":""}
            ]

            """)
        // The same features as GeoJSONL, and from standard input (read twice through a temporary copy).
        let lines = Self.mixed.split(separator: "\n").filter { $0.hasPrefix("{\"type\":\"Feature\"") }.map { $0.hasSuffix(",") ? String($0.dropLast()) : String($0) }
        let sequence = try write(lines.joined(separator: "\n") + "\n", "mixed.geojsonl")
        XCTAssertEqual(try run(["join", sequence, "--format", "csv"], 0).stdout, csv.stdout)
        XCTAssertEqual(try run(["join", "-", "--input-format", "geojson", "--format", "csv"], 0, stdin: Data(Self.mixed.utf8)).stdout, csv.stdout)
    }

    /// 10,001 features each bringing its own property name: every name would be a column of every row. The
    /// whole-document reader built that rows × names table (10,000 such features took it past 2 GB);
    /// now a ceiling of 10,000 names is stated, naming the feature that passes it.
    func testTenThousandAndOneOwnPropertyNamesAreRefusedNamingTheFeature() throws {
        let text = (1...10_001).map { point("\"own_\($0)\":1") }.joined(separator: "\n") + "\n"
        let file = try write(text, "own.geojsonl")
        let r = try run(["aggregate", file, "--window", "month"], 1)
        XCTAssertEqual(r.stderr, "Error: \(file):10001: feature 10001 brings a property name beyond 10000 distinct ones ('own_10001'); "
                       + "each is a column: at most 10000 can be read\n")
    }

    /// Each row still spans every column, holding only its own value.
    func testTwoThousandOwnPropertyNamesJoinWithEveryColumn() throws {
        let text = (1...2_000).map { point("\"event_date\":\"2025-11-26\",\"own_\($0)\":\($0)") }.joined(separator: "\n") + "\n"
        let r = try run(["join", try write(text, "own.geojsonl"), "--format", "csv"], 0)
        let rows = r.stdout.split(separator: "\n")
        XCTAssertEqual(rows.count, 2_001)
        let header = rows[0].split(separator: ",", omittingEmptySubsequences: false)
        XCTAssertEqual(header.count, 2_004)
        let row1500 = rows[1_500].split(separator: ",", omittingEmptySubsequences: false)
        XCTAssertEqual(row1500.count, 2_004)
        XCTAssertEqual(row1500[header.firstIndex(of: "own_1500")!], "1500")
        XCTAssertEqual(row1500.filter { !$0.isEmpty }.count, 5, "its date, its own value and its region's three columns")
    }

    /// Foundation's reader took `[a,]`; RFC 8259 does not, and neither does Frontier now. The message names
    /// the file, the line and the feature.
    func testTrailingCommaAfterTheLastFeatureIsAnErrorWithLineAndFeature() throws {
        let file = try write("{\"type\":\"FeatureCollection\",\"features\":[\n" + point("\"a\":1") + ",\n" + point("\"a\":2") + ",\n]}\n", "comma.geojson")
        try run(["join", file], 1, says: "comma.geojson:4: is not valid JSON: after feature 2: a trailing comma before ']' (column 1)")
    }

    func testTextAfterTheCollectionIsAnError() throws {
        let file = try write("{\"type\":\"FeatureCollection\",\"features\":[" + point("\"a\":1") + "]}\n{}\n", "two.geojson")
        try run(["aggregate", file, "--window", "month"], 1, says: "two.geojson:2: is not valid JSON: text after the end of the JSON value: '{' (column 1)")
    }

    /// The first pass checks the whole document: an error in the last feature stops the run before any row
    /// is written (no half output), whether the value is kept or not.
    func testOutOfRangeNumberInTheLastFeatureStopsBeforeAnyRowIsWritten() throws {
        let file = try write("{\"type\":\"FeatureCollection\",\"features\":[\n" + point("\"event_date\":\"2025-11-26\"") + ",\n"
                             + point("\"event_date\":\"2025-11-26\",\"x\":1e400") + "\n]}\n", "range.geojson")
        let r = try run(["join", file, "--format", "csv"], 1, says: "range.geojson:3: is not valid JSON: feature 2: the number 1e400 is out of range (column 68)")
        XCTAssertEqual(r.stdout, "")
    }

    /// A bad escape in a region layer names the layer's line and feature.
    func testRegionLayerWithBadEscapeInFeatureTwoNamesLineAndFeature() throws {
        let square = "{\"type\":\"Polygon\",\"coordinates\":[[[70,37],[71,37],[71,38],[70,38],[70,37]]]}"
        let layer = try write("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"region_id\":\"A\"},\"geometry\":\(square)},\n"
                              + "{\"type\":\"Feature\",\"properties\":{\"region_id\":\"B\\e\"},\"geometry\":\(square)}\n]}\n", "layer.geojson")
        try run(["regions", "--regions", layer], 1, says: "layer.geojson:3: is not valid JSON: feature 2: an invalid escape '\\e' in a string (column 47)")
    }

    /// Nesting deeper than 64 levels is refused by the reader itself, before anything walks it: a property
    /// sits 4 levels down (collection, features, feature, properties), so 60 levels of its own are read, 61 not.
    func testPropertyNestedSixtyOneLevelsInFeatureTwoIsRefusedNamingIt() throws {
        let deep = String(repeating: "[", count: 61) + String(repeating: "]", count: 61)
        let file = try write("{\"type\":\"FeatureCollection\",\"features\":[" + point("\"ok\":" + String(repeating: "[", count: 60) + String(repeating: "]", count: 60)) + ","
                             + point("\"x\":" + deep) + "]}", "deep.geojson")
        try run(["join", file], 1, says: "deep.geojson:1: is not valid JSON: feature 2: arrays and objects nest more than 64 levels deep (column 353)")
    }

    /// A GeoJSONL line that is not JSON is one rejected row with the reason; the lines after it are read.
    func testGeoJSONLBadLineIsOneRejectedRowAndTheRestIsRead() throws {
        let file = try write([point("\"event_id_cnty\":\"L1\",\"event_date\":\"2025-11-26\""), "{\"type\":\"Feature\",\"properties\":{\"event_id_cnty\":\"L2\",}}",
                              point("\"event_id_cnty\":\"L3\",\"event_date\":\"2025-11-26\"")].joined(separator: "\n") + "\n", "rows.geojsonl")
        let r = try run(["join", file, "--format", "csv"], 0, says: "rows.geojsonl:2: field 'geometry': not valid JSON: expected a member name in double quotes, found '}' (column 54)")
        XCTAssertTrue(r.stdout.contains("L1") && r.stdout.contains("L3"), r.stdout)
        XCTAssertTrue(r.stderr.contains("read 3, rejected 1"), r.stderr)
    }
}

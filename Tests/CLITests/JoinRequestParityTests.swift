import Foundation
import XCTest
import Frontier

/// `JoinRequest` asked in this process, its rows written as the README's library example writes them, gives
/// what `frontier join --format csv` prints for the same flags, byte for byte: in provinces, countries and
/// 50 km cells, with columns chosen and reordered, and with an input column the answer replaces.
final class JoinRequestParityTests: RequestParityCase {
    private var input: String!
    private var takharEdge: Coordinate!

    override func setUpWithError() throws {
        try super.setUpWithError()
        takharEdge = try RequestParityFixture.takharEdge()
        let f = RequestParityFixture.self
        func place(_ c: Coordinate) -> String { "\(f.text(c).lat),\(f.text(c).lon)" }
        // An export that already has a region_id column (stale values): the join's own replace it.
        input = try write("""
            event_id_cnty,region_id,event_date,latitude,longitude,fatalities,notes
            F1,stale,2025-11-10,\(place(f.fayzabad)),2,"Fayzabad, \"\"centre\"\"\"
            D1,,2025-12-05,\(place(f.dushanbe)),1,plain
            T1,AFG:Takhar,2025-12-15,\(place(takharEdge)),5,on the Badakhshan-Takhar edge
            L1,TJK:Gorno-Badakhshan,2025-12-28,\(place(f.borderVertex)),0,on the AFG-TJK line
            B3,x,2025-11-26,37.1,70.5,-4,negative
            O1,TCD:Ennedi,2025-12-20,\(place(f.outside)),1,outside every region

            """, "join.csv")
    }

    /// Runs `request` in this process and `frontier join` with `flags`; asserts the CSV is the same and the
    /// command's closing line has the answer's counts.
    private func both(_ request: JoinRequest, _ flags: [String], locates: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws
        -> (text: String, scan: JoinScan, summary: ScanSummary, rejections: [Rejection], cli: FrontierBinary.Result) {
        let join = try request.open()
        var rows: [(incident: Incident, appended: [PropertyValue])] = []
        var rejections: [Rejection] = []
        var cellsAsValues = true
        let summary = try join.run(ScanEvents(onReject: { rejections.append($0) })) { row in
            rows.append((row.incident, row.appended))
            // The region's cells made once are the cells its values make.
            if let cells = row.appendedCells, cells != CSVWriter.cells(row.appended) { cellsAsValues = false }
        }
        XCTAssertTrue(cellsAsValues, "a row's appendedCells differ from its appended values' cells", file: file, line: line)
        let text = try csv(table(join.columns, rows))
        let r = try cli(["join", request.input.path] + flags + ["--format", "csv"], file: file, line: line)
        XCTAssertEqual(text, r.stdout, "join \(flags.joined(separator: " "))", file: file, line: line)
        // Incidents placed at a region's point are stated (issue 27, item 8): 284 of the synthetic ones.
        let rough = summary.countryLevel > 0 ? "; \(summary.countryLevel) only at country level" : ""
        let counts = "read \(summary.read), rejected \(summary.rejected)" + (locates ? ", unmatched \(summary.unmatched)" : "")
            + (summary.regionLevel > 0 ? "; \(summary.regionLevel) kept incidents have geo_precision 3 (placed at a region's representative point"
                                       + "\(rough); --max-geo-precision 2 drops them)" : "")
        XCTAssertEqual(lines(r.stderr, startingWith: "read "), [counts], file: file, line: line)
        XCTAssertEqual(lines(r.stderr, startingWith: "rejected "), rejectedLines(rejections, input: request.input.path), file: file, line: line)
        return (text, join, summary, rejections, r)
    }

    /// Mismatched rows reach `ScanEvents.onMismatch` only when the request lists them; their count is in the
    /// summary either way. M2 reports Kabul and lies at Fayzabad, in Badakhshan; M1 agrees.
    func testMismatchesAreHeardOnlyWhenListed() throws {
        let f = RequestParityFixture.self
        let path = try write("""
            event_id_cnty,event_date,country,admin1,latitude,longitude,fatalities
            M1,2025-11-10,Afghanistan,Badakhshan,\(f.text(f.fayzabad).lat),\(f.text(f.fayzabad).lon),1
            M2,2025-11-11,Afghanistan,Kabul,\(f.text(f.fayzabad).lat),\(f.text(f.fayzabad).lon),1

            """, "mismatch.csv")
        for lists in [false, true] {
            var request = JoinRequest(input: query(path))
            request.listsMismatches = lists
            var heard: [MismatchRow] = []
            var rows = 0
            let summary = try request.open().run(ScanEvents(onMismatch: { heard.append($0) })) { _ in rows += 1 }
            XCTAssertEqual(rows, 2)
            XCTAssertEqual(summary.mismatched, 1, "counted whether listed or not")
            XCTAssertEqual(heard.map(\.id), lists ? ["M2"] : [])
            XCTAssertEqual(heard.map(\.reportedAdmin1), lists ? ["Kabul"] : [])
            XCTAssertEqual(heard.map { $0.region?.id }, lists ? ["AFG:Badakhshan"] : [])
        }
    }

    /// The notice the command prints for the columns a request replaces.
    private func replacedNotice(_ columns: IncidentColumns) -> [String] {
        columns.replaced.isEmpty ? [] : ["notice: the input already has \(columns.replaced.joined(separator: ", ")); they are replaced by this run's values"]
    }

    /// --columns fatalities,event_id_cnty,region_id in each kind of place: the input's region_id is dropped
    /// for the join's, in the place the answer's columns go.
    func testChosenColumnsInProvincesCountriesAndCells() throws {
        let f = RequestParityFixture.self
        let (fayzabad, dushanbe, edge, vertex, outside) = (f.easeCell50km(f.fayzabad), f.easeCell50km(f.dushanbe), f.easeCell50km(takharEdge),
                                                          f.easeCell50km(f.borderVertex), f.easeCell50km(f.outside))
        let expected: [(argument: String, rows: String)] = [
            // T1 and L1 lie on shared edges: the tie rule gives both to AFG:Badakhshan (and to AFG in admin0).
            ("admin1", """
                2,F1,AFG:Badakhshan,AFG,Badakhshan
                1,D1,TJK:Dushanbe,TJK,Dushanbe
                5,T1,AFG:Badakhshan,AFG,Badakhshan
                0,L1,AFG:Badakhshan,AFG,Badakhshan
                1,O1,,,
                """),
            ("admin0", """
                2,F1,AFG:Afghanistan,AFG,Afghanistan
                1,D1,TJK:Tajikistan,TJK,Tajikistan
                5,T1,AFG:Afghanistan,AFG,Afghanistan
                0,L1,AFG:Afghanistan,AFG,Afghanistan
                1,O1,,,
                """),
            // A cell is labelled with the country holding its centre: L1's (71.77°E 37.68°N) lies east of the
            // Panj, in Gorno-Badakhshan; every point has a cell, Chad's in no bundled country.
            ("grid:50km", """
                2,F1,\(fayzabad),AFG,\(fayzabad)
                1,D1,\(dushanbe),TJK,\(dushanbe)
                5,T1,\(edge),AFG,\(edge)
                0,L1,\(vertex),TJK,\(vertex)
                1,O1,\(outside),,\(outside)
                """),
        ]
        let chosen = ["fatalities", "event_id_cnty", "region_id"]
        for (argument, rows) in expected {
            let request = JoinRequest(input: query(input), places: try PlaceSource(argument: argument), columns: chosen)
            let (text, join, summary, rejections, r) = try both(request, ["--regions", argument, "--columns", chosen.joined(separator: ",")],
                                                               locates: argument != "grid:50km")
            XCTAssertEqual(text, "fatalities,event_id_cnty,region_id,region_country,region_name\n" + rows + "\n", argument)
            XCTAssertEqual(join.columns.replaced, ["region_id"])
            XCTAssertEqual(join.columns.kept, [5, 0], "fatalities, then event_id_cnty")
            XCTAssertFalse(join.columns.isWholeInput)
            XCTAssertEqual(lines(r.stderr, startingWith: "notice: "), replacedNotice(join.columns))
            XCTAssertEqual([summary.read, summary.rejected, summary.kept], [6, 1, 5])
            XCTAssertEqual(summary.unmatched, argument == "grid:50km" ? 0 : 1, argument)
            XCTAssertEqual(rejections.map(\.line), [6])
            XCTAssertEqual(rejections.map(\.problem), [.negativeFatalities(-4)])
        }
        XCTAssertEqual(edge, "G50km:135:85")
        XCTAssertEqual(vertex, "G50km:138:89")
    }

    /// Every column: the input's region_id is left out of its place, the quoted notes are written back as
    /// they came.
    func testEveryColumnWithRegionIDReplaced() throws {
        let (text, join, _, _, r) = try both(JoinRequest(input: query(input)), [])
        let f = RequestParityFixture.self
        func place(_ c: Coordinate) -> String { "\(f.text(c).lat),\(f.text(c).lon)" }
        XCTAssertEqual(text, """
            event_id_cnty,event_date,latitude,longitude,fatalities,notes,region_id,region_country,region_name
            F1,2025-11-10,\(place(f.fayzabad)),2,"Fayzabad, \"\"centre\"\"\",AFG:Badakhshan,AFG,Badakhshan
            D1,2025-12-05,\(place(f.dushanbe)),1,plain,TJK:Dushanbe,TJK,Dushanbe
            T1,2025-12-15,\(place(takharEdge)),5,on the Badakhshan-Takhar edge,AFG:Badakhshan,AFG,Badakhshan
            L1,2025-12-28,\(place(f.borderVertex)),0,on the AFG-TJK line,AFG:Badakhshan,AFG,Badakhshan
            O1,2025-12-20,\(place(f.outside)),1,outside every region,,,

            """)
        XCTAssertEqual(join.columns.replaced, ["region_id"])
        XCTAssertEqual(lines(r.stderr, startingWith: "notice: "), replacedNotice(join.columns))
    }

    /// Synthetic incidents with three bad rows, every column (which the command copies through as it read
    /// them) and a reordered choice, in each kind of place: the same rows and the same rejections.
    func testSyntheticIncidents() throws {
        let synthetic = try synth(3000, seed: 11)
        let bad = try appendBadRows(to: synthetic)
        for argument in ["admin1", "admin0", "grid:50km", "priogrid"] {
            for chosen in [nil, ["longitude", "latitude", "event_id_cnty", "admin1"]] {
                let request = JoinRequest(input: query(synthetic), places: try PlaceSource(argument: argument), columns: chosen)
                let flags = ["--regions", argument] + (chosen.map { ["--columns", $0.joined(separator: ",")] } ?? [])
                let (text, join, summary, rejections, _) = try both(request, flags, locates: !argument.contains("grid"))
                XCTAssertEqual(rejections.map(\.line), bad.map(\.line), argument)
                XCTAssertEqual(rejections.map(\.problem), bad.map(\.problem), argument)
                XCTAssertEqual([summary.read, summary.kept, summary.regionLevel], [3003, 3000, 284], argument)
                XCTAssertEqual(text.split(separator: "\n").count, 3001, argument)
                XCTAssertEqual(join.columns.isWholeInput, chosen == nil)
                XCTAssertEqual(join.columns.replaced, [])
            }
        }
    }

    /// `writesRowText` (what `join --format csv` asks): with every column kept as it came, the rows carry
    /// their input text and only the values the filter reads, and the CSV is the same bytes; with a column
    /// replaced (region_id here) or chosen, the rows keep every value, as the output then needs them.
    func testRowsWrittenAsTextKeepOnlyTheirTextAndTheFilteredValues() throws {
        let f = RequestParityFixture.self
        let plain = try write("""
            event_id_cnty,event_date,latitude,longitude,fatalities,notes
            F1,2025-11-10,\(f.text(f.fayzabad).lat),\(f.text(f.fayzabad).lon),2,"Fayzabad, ""centre\"""
            D1,2025-12-05,\(f.text(f.dushanbe).lat),\(f.text(f.dushanbe).lon),1,plain

            """, "plain.csv")
        var request = JoinRequest(input: query(plain))
        request.input.filter = IncidentFilter(equals: [.init(column: "fatalities", value: "2")])
        request.writesRowText = true
        let join = try request.open()
        var rows: [Incident] = []
        _ = try join.run { rows.append($0.incident) }
        XCTAssertEqual(rows.map { $0.raw.map(String.init) }, [#"F1,2025-11-10,\#(f.text(f.fayzabad).lat),\#(f.text(f.fayzabad).lon),2,"Fayzabad, ""centre""""#])
        XCTAssertEqual(rows.map { $0.values[4].text }, ["2"], "the filtered column is kept")
        XCTAssertEqual(rows.map { $0.values[5].text }, [nil], "the notes are not: nothing reads them")
        let r = try cli(["join", plain, "--where", "fatalities=2", "--format", "csv"])
        XCTAssertEqual(r.stdout, "event_id_cnty,event_date,latitude,longitude,fatalities,notes,region_id,region_country,region_name\n"
                       + rows[0].raw.map(String.init)! + ",AFG:Badakhshan,AFG,Badakhshan\n")
        // A replaced column: every value is kept.
        var replaced = JoinRequest(input: query(input))
        replaced.writesRowText = true
        var kept: [Incident] = []
        _ = try replaced.open().run { kept.append($0.incident) }
        XCTAssertEqual(kept.first?.values[0].text, "F1")
    }
}

import XCTest
@testable import FrontierBase
@testable import FrontierAnalyses

/// Actor names as ACLED's and UCDP's published actor lists spell them (names are facts), and the country
/// each names: in parentheses or after "of", never guessed from a group's name.
final class ActorCountriesTests: XCTestCase {
    func testFiftyRealActorNames() throws {
        let actors = try ActorCountries.bundled(TestSupport.geodata)
        let table: [(String, String?)] = [
            // ACLED: state forces, with the period of the government they served.
            ("Military Forces of Pakistan (2018-)", "PAK"), ("Police Forces of Pakistan (2018-)", "PAK"),
            ("Military Forces of Pakistan (2018-) Frontier Corps", "PAK"), ("Military Forces of Afghanistan (2021-)", "AFG"),
            ("Police Forces of Afghanistan (2021-)", "AFG"), ("Military Forces of Afghanistan (2004-2021)", "AFG"),
            ("Former Military Forces of Afghanistan (2004-2021)", "AFG"),
            ("Police Forces of Afghanistan (2004-2021) National Directorate of Security", "AFG"),
            ("Military Forces of Iran (1989-)", "IRN"), ("Police Forces of Iran (1989-)", "IRN"),
            ("Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", "IRN"), ("Military Forces of Tajikistan (1994-)", "TJK"),
            ("Police Forces of Tajikistan (1994-)", "TJK"), ("Border Troops of the State Committee for National Security of Tajikistan", "TJK"),
            ("Military Forces of Uzbekistan (2016-)", "UZB"), ("Military Forces of Turkmenistan (2007-)", "TKM"),
            ("Military Forces of Kyrgyzstan (2021-)", "KGZ"), ("Military Forces of India (2014-)", "IND"), ("Police Forces of India (2014-)", "IND"),
            ("Military Forces of China (1949-)", "CHN"), ("Military Forces of the United States (2021-)", "USA"),
            ("Military Forces of Russia (2000-)", "RUS"),
            // ACLED: unnamed groups and people, placed by the country in parentheses.
            ("Unidentified Armed Group (Afghanistan)", "AFG"), ("Unidentified Armed Group (Pakistan)", "PAK"),
            ("Unidentified Armed Group (Tajikistan)", "TJK"), ("Unidentified Armed Group (Iran)", "IRN"), ("Civilians (Afghanistan)", "AFG"),
            ("Civilians (China)", "CHN"), ("Civilians (Tajikistan)", "TJK"), ("Protesters (Pakistan)", "PAK"), ("Rioters (India)", "IND"),
            ("Students (Pakistan)", "PAK"), ("Labor Group (Iran)", "IRN"), ("Islamic State (Afghanistan)", "AFG"),
            // ACLED: named groups: their name is no place.
            ("Taliban", nil), ("TTP: Tehreek-i-Taliban Pakistan", nil), ("BLA: Balochistan Liberation Army", nil),
            ("ISKP: Islamic State (Khorasan Province)", nil), ("NRF: National Resistance Front", nil), ("Unidentified Military Forces", nil),
            ("Sipah-e-Sahaba Pakistan", nil), ("Jaish-e-Mohammed", nil), ("IMU: Islamic Movement of Uzbekistan", nil),
            ("Islamic State of Iraq and the Levant", nil),
            // UCDP's sides.
            ("Government of Afghanistan", "AFG"), ("Government of Pakistan", "PAK"), ("Government of India", "IND"),
            ("Government of Iran", "IRN"), ("Government of Tajikistan", "TJK"), ("Government of United States of America", "USA"),
            ("Government of Russia (Soviet Union)", "RUS"), ("Taleban", nil), ("Kashmir insurgents", nil),
            ("Hizb-i Islami-yi Afghanistan - Khalis faction", nil), ("Civilians", nil),
        ]
        XCTAssertGreaterThanOrEqual(table.count, 50)
        for (name, country) in table { XCTAssertEqual(actors.country(ofActor: name), country, name) }
    }

    /// UCDP's Gleditsch–Ward codes: one code, or an alliance's several.
    func testGleditschWardCodes() throws {
        let actors = try ActorCountries.bundled(TestSupport.geodata)
        XCTAssertEqual(actors.countries(gw: "702"), ["TJK"])
        XCTAssertEqual(actors.countries(gw: "700"), ["AFG"])
        XCTAssertEqual(actors.countries(gw: "2, 200"), ["USA", "GBR"])
        XCTAssertEqual(actors.countries(gw: ""), [])
        XCTAssertEqual(actors.countries(gw: "99999"), [])
    }

    /// Launched from AFG, landed in TJK: the actor across the border is attributed, whatever its order.
    func testTheActorAcrossTheBorderIsAttributed() {
        let asked: Set<String> = ["AFG"]
        XCTAssertEqual(CrossBorderAttribution(actorCountries: ["TJK", "AFG"], incidentCountry: "TJK", across: asked),
                       CrossBorderAttribution(actorCountries: ["AFG"], incidentCountry: "TJK", across: asked))
        let own = CrossBorderAttribution(actorCountries: ["TJK"], incidentCountry: "TJK", across: asked)
        XCTAssertEqual(own.actorCountry, "TJK")
        XCTAssertFalse(own.crossBorder)
        let none = CrossBorderAttribution(actorCountries: [], incidentCountry: "TJK", across: asked)
        XCTAssertEqual(none.actorCountry, "")
        XCTAssertFalse(none.crossBorder)
    }
}

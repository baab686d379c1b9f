import XCTest
@testable import Frontier

/// How a PostGIS URL is split for libpq and printed: the table comes off, everything else passes through,
/// and no message ever carries the password.
final class DatabaseURLTests: XCTestCase {
    func testTableComesOffAndTheRestPassesThrough() throws {
        let u = try DatabaseURL("postgresql://ann:s%40cret@db.example:5433/events?sslmode=verify-full&table=acled&sslrootcert=/etc/ca.pem")
        XCTAssertEqual(u.table, "acled")
        XCTAssertEqual(u.connectionString, "postgresql://ann:s%40cret@db.example:5433/events?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        XCTAssertEqual(u.masked, "postgresql://ann:***@db.example:5433/events?sslmode=verify-full&table=acled&sslrootcert=/etc/ca.pem")
        XCTAssertEqual(u.quotedTable, "\"acled\"")
        XCTAssertEqual(try DatabaseURL("postgres://h/db").table, "incidents")
        XCTAssertEqual(try DatabaseURL("postgresql:///?table=analysts.incidents").quotedTable, "\"analysts\".\"incidents\"")
    }

    func testPasswordsAreMaskedWhereverTheyAre() {
        XCTAssertEqual(DatabaseURL.mask("postgresql://u:p@h/db"), "postgresql://u:***@h/db")
        XCTAssertEqual(DatabaseURL.mask("postgresql://u@h/db?password=p&table=t"), "postgresql://u@h/db?password=***&table=t")
        XCTAssertEqual(DatabaseURL.mask("postgresql://u:p:q@x@h:1/db"), "postgresql://u:***@h:1/db")
        XCTAssertEqual(DatabaseURL.mask("postgresql://h/db"), "postgresql://h/db")
    }

    func testTableNamesThatAreNotNamesAreRefused() {
        for bad in ["x;drop", "a.b.c", "1abc", "", "t\"", String(repeating: "a", count: 64)] {
            XCTAssertThrowsError(try DatabaseURL("postgresql://h/db?table=\(bad)"), bad)
        }
        XCTAssertThrowsError(try DatabaseURL("mysql://h/db"))
    }
}

import XCTest
import Frontier
@testable import FrontierFormats
@testable import FrontierPostGIS

/// How a PostGIS URL is split for libpq and printed: the table comes off, everything else passes through,
/// and no message ever carries the password.
final class DatabaseURLTests: XCTestCase {
    func testTableComesOffAndTheRestPassesThrough() throws {
        let u = try DatabaseURL("postgresql://ann:s%40cret@db.example:5433/events?sslmode=verify-full&table=acled&sslrootcert=/etc/ca.pem")
        XCTAssertEqual(u.table, "acled")
        XCTAssertEqual(u.keywords.map { "\($0.0)=\($0.1)" },
                       ["user=ann", "password=s@cret", "host=db.example", "port=5433", "dbname=events",
                        "sslmode=verify-full", "sslrootcert=/etc/ca.pem"])
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

    /// Parts a URL leaves out are left to libpq's PG* variables; IPv6 hosts and host lists pass as libpq
    /// reads them.
    func testHostsPortsAndOmittedParts() throws {
        XCTAssertEqual(try DatabaseURL("postgresql:///?table=t").keywords.count, 0)
        let v6 = try DatabaseURL("postgresql://u@[::1]:5433,db2:5434/d%20b")
        XCTAssertEqual(v6.keywords.map { "\($0.0)=\($0.1)" }, ["user=u", "host=::1,db2", "port=5433,5434", "dbname=d b"])
        XCTAssertEqual(try DatabaseURL("postgres://h").keywords.map { "\($0.0)=\($0.1)" }, ["host=h"])
    }

    /// libpq's URI parser quoted what it could not parse, password and all (`invalid percent-encoded token:
    /// "s3%zzcret"`); the URL is now parsed here, and its errors show only the masked URL.
    func testMalformedURLsNeverEchoThePassword() {
        for text in ["postgresql://u:s3%zzcret@h/db?table=t", "postgresql://u:s3cret@[::1:1/db?table=t",
                     "postgresql://u:s3cret@h:5x/db", "postgresql://u:s3cret@h/db?password=s3cret&sslmode=%zz"] {
            XCTAssertThrowsError(try DatabaseURL(text), text) { error in
                let message = "\(error)"
                XCTAssertFalse(message.contains("s3"), message)
                XCTAssertTrue(message.contains(":***@") || message.contains("password=***"), message)
                XCTAssertTrue(message.contains("is not a PostgreSQL URL"), message)
            }
        }
    }

    /// Whatever a server or libpq says back, the password, as typed or decoded, is replaced.
    func testScrubRemovesThePasswordFromServerText() throws {
        let u = try DatabaseURL("postgresql://u:p%40ss9@h/db")
        XCTAssertEqual(u.scrub("auth failed for p@ss9 (p%40ss9)"), "auth failed for *** (***)")
    }
}

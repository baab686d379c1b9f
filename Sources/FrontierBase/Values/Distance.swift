/// A distance typed by a user: `25km`, `500 m`, `10mi`, `5nmi`. Stored in metres.
public struct Distance: Equatable, Sendable, CustomStringConvertible {
    public let metres: Double
    public let text: String

    static let units: [(suffix: String, metres: Double)] = [("nmi", 1852), ("km", 1000), ("mi", 1609.344), ("m", 1)]

    public static let maximum = Distance(metres: 20_000_000)

    public init(metres: Double) {
        self.metres = metres
        self.text = "\(NumberFormat.shortest(metres / 1000))km"
    }

    /// Parses a number with a unit; a bare number is refused (which unit would it be?).
    public init(parsing raw: String) throws {
        let s = raw.trimmingCharacters(in: .whitespaces).lowercased()
        for unit in Distance.units where s.hasSuffix(unit.suffix) {
            let number = s.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            guard let v = Double(number), v.isFinite, v >= 0 else {
                throw FrontierError.badValue(.distance, value: raw, reason: "expected a non-negative number and a unit, e.g. 25km")
            }
            // No two points on earth are farther apart than about 20,004 km: a larger distance asks for the
            // whole planet, and only costs memory and time.
            guard v * unit.metres <= Distance.maximum.metres else {
                throw FrontierError.badValue(.distance, value: raw, reason: "more than 20,000 km (every point on earth is within about 20,004 km of any other)")
            }
            metres = v * unit.metres
            text = raw
            return
        }
        throw FrontierError.badValue(.distance, value: raw, reason: "it has no unit: write it as e.g. 25km; accepted units are m, km, mi, nmi")
    }

    public var description: String { text }

    /// `10km,25km,50km`: one or more distances, sorted nearest first, repeats dropped (the bands of a
    /// banded zone; the last is the zone's reach).
    public static func list(parsing raw: String) throws -> [Distance] {
        let parts = raw.split(separator: ",", omittingEmptySubsequences: false)
        var bands: [Distance] = []
        for part in parts {
            let d = try Distance(parsing: String(part))
            if !bands.contains(where: { $0.metres == d.metres }) { bands.append(d) }
        }
        return bands.sorted { $0.metres < $1.metres }
    }
}

import Foundation

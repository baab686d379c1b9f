import Foundation
import Geo
import FrontierBase
import FrontierPlaces

/// Osmosis polygon filter files (`.poly`), the form MAPS.ME's region borders (PyPI `omim-data-borders`)
/// take: a name line, then sections of `lon lat` lines each closed by `END` (a section whose name starts
/// with `!` is a hole), then `END`. Read as the union of the outer rings minus the holes, whatever ring a
/// hole sits in; a ring that is not a valid polygon is repaired with MakeValid and reported.
public enum OSMPolyFile {
    public static func read(_ url: URL, context: GEOSContext, repairs: inout [String]) throws -> Geometry {
        let name = url.lastPathComponent
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw FrontierError.cannotOpen(file: url.path) }
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var outers: [Geometry] = [], holes: [Geometry] = []
        var section: (hole: Bool, name: String, points: [Coordinate])?
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            if var open = section {
                if line == "END" {
                    guard open.points.count >= 4 else {
                        throw FrontierError.malformed(file: url.path, line: n + 1, reason: "ring \(open.name) has \(open.points.count) points; a ring needs at least 4")
                    }
                    if open.points.first != open.points.last { open.points.append(open.points[0]) }
                    var ring = try Geometry.polygon(exterior: open.points, context: context)
                    if try !ring.isValid() {
                        repairs.append("\(name) ring \(open.name): \(try ring.validityReason())")
                        ring = try RegionLayer.polygonal(ring.makeValid(), context: context)
                    }
                    if open.hole { holes.append(ring) } else { outers.append(ring) }
                    section = nil
                    continue
                }
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard fields.count == 2, let lon = Double(fields[0]), let lat = Double(fields[1]),
                      (-180...180).contains(lon), (-90...90).contains(lat) else {
                    throw FrontierError.malformed(file: url.path, line: n + 1, reason: "expected 'longitude latitude', found '\(line)'")
                }
                open.points.append(Coordinate(lon: lon, lat: lat))
                section = open
            } else if line == "END" {
                break
            } else {
                section = (line.hasPrefix("!"), line, [])
            }
        }
        guard section == nil else { throw FrontierError.malformed(file: url.path, line: lines.count, reason: "ends inside ring \(section?.name ?? "")") }
        guard !outers.isEmpty else { throw FrontierError.invalid(file: url.path, reason: "has no outer ring") }
        var shape = try Geometry.union(of: outers, context: context)
        if !holes.isEmpty { shape = try shape.difference(Geometry.union(of: holes, context: context)) }
        return shape
    }
}

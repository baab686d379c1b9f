import Foundation
import FrontierBase

/// One GeoJSON feature as read: where it is, its properties in file order, its geometry, or why it is no
/// feature.
package struct GeoJSONFeatureRecord {
    /// 1-based: the feature's place in a FeatureCollection, or its line in GeoJSONL.
    package var number: Int
    /// The line the feature starts on.
    package var line: Int
    /// Property names and values in file order (values `.null` when the stream reads names only).
    package var properties: [(key: String, value: PropertyValue)] = []
    /// Nil for a null or absent geometry (or when the stream skips geometries).
    package var geometry: GeoJSONShape?
    /// Why this is no usable feature ("not a GeoJSON Feature", GeoJSONL's "not valid JSON: …").
    package var problem: String?
}

/// The features of a GeoJSON FeatureCollection, one at a time as the `features` array is read in blocks, or
/// of GeoJSONL / RFC 8142 sequences (one feature per line; a line that is not valid JSON becomes a feature
/// with a problem, and reading resumes at the next line). A FeatureCollection's other members may come in any
/// order: its `type` and `crs` are checked when they are read, at the latest after the last feature.
package final class GeoJSONFeatureStream {
    /// What of each feature is read (the rest is checked and skipped).
    package struct Reading {
        /// Property values (false: names only, values `.null`).
        package var values = true
        package var geometry = Geometry.full

        package init(values: Bool = true, geometry: Geometry = .full) {
            self.values = values
            self.geometry = geometry
        }

        package enum Geometry {
            case none
            /// What an incident's Point needs: other geometries are only named, their coordinates skipped.
            case point
            case full
        }
    }

    let file: String
    private let reader: JSONReader
    private let reading: Reading
    private let lonLat: FrontierError.CoordinateRole?
    private let lines: Bool
    private var state = State.start
    private var count = 0
    private var rootType: String?
    private var crsName: String?
    private var featuresSeen = false
    /// While a feature of the collection is being read (errors name it).
    private var insideFeature = false

    private enum State { case start, inFeatures(first: Bool), done }

    /// `lonLat`: the role whose coordinates are read as lon/lat (a `crs` member naming anything else is an
    /// error); nil when the caller transforms from a CRS it was told.
    package init(reader: JSONReader, file: String, lines: Bool, reading: Reading = Reading(), lonLat: FrontierError.CoordinateRole?) {
        self.reader = reader
        self.file = file
        self.lines = lines
        self.reading = reading
        self.lonLat = lonLat
    }

    /// The next feature, or nil after the last.
    package func next() throws -> GeoJSONFeatureRecord? {
        if !started {
            started = true
            do { try reader.skipByteOrderMark() } catch let e as JSONReader.SyntaxError { throw syntax(e) }
        }
        return lines ? try nextLine() : try nextMember()
    }

    private var started = false

    // MARK: - GeoJSONL

    private func nextLine() throws -> GeoJSONFeatureRecord? {
        while true {
            switch try reader.startLine() {
            case .end: return nil
            case .blank: continue
            case .value: break
            }
            let line = reader.line
            var record: GeoJSONFeatureRecord
            do {
                record = try feature(number: line)
                try reader.finishText()
            } catch let e as JSONReader.SyntaxError {
                record = GeoJSONFeatureRecord(number: line, line: line, problem: "not valid JSON: \(e.reason) (column \(e.column))")
            }
            try reader.skipRestOfLine()
            return record
        }
    }

    // MARK: - FeatureCollection

    private func nextMember() throws -> GeoJSONFeatureRecord? {
        do {
            switch state {
            case .start:
                guard try reader.kind() == .object else {
                    // Valid JSON of another kind is said to be that; anything else is a syntax error.
                    try reader.skipValue()
                    try reader.finishText()
                    throw notACollection
                }
                try reader.beginObject()
                var first = true
                guard try rootMembers(&first) else { return try finish() }
                return try nextMember()
            case .inFeatures(let first):
                var f = first
                guard try reader.nextElement(&f) else {
                    state = .done
                    var afterFeatures = false
                    if try rootMembers(&afterFeatures) { throw syntax(reader.error("names \"features\" twice")) }
                    return try finish()
                }
                state = .inFeatures(first: false)
                count += 1
                insideFeature = true
                let record = try feature(number: count)
                insideFeature = false
                return record
            case .done:
                return nil
            }
        } catch let e as JSONReader.SyntaxError {
            throw syntax(e)
        }
    }

    /// Reads the root object's members up to `features` (true: its array is open) or to the end (false).
    private func rootMembers(_ first: inout Bool) throws -> Bool {
        while let key = try reader.nextKey(&first) {
            switch key {
            case "type":
                guard try reader.kind() == .string, try reader.string() == "FeatureCollection" else { throw notACollection }
                rootType = "FeatureCollection"
            case "features":
                guard try reader.kind() == .array else { throw notACollection }
                if featuresSeen { return true }
                featuresSeen = true
                try reader.beginArray()
                state = .inFeatures(first: true)
                return true
            case "crs":
                crsName = try GeoJSONFeatureStream.crsName(reader)
                try checkCRS()
            default:
                try reader.skipValue()
            }
        }
        return false
    }

    /// After the root object: nothing may follow, and it must have been a FeatureCollection.
    private func finish() throws -> GeoJSONFeatureRecord? {
        try reader.finishText()
        state = .done
        guard rootType == "FeatureCollection", featuresSeen else { throw notACollection }
        return nil
    }

    private var notACollection: FrontierError { .malformed(file: file, line: 0, reason: "is not a GeoJSON FeatureCollection") }

    /// RFC 7946 is lon/lat WGS84; an older file may name another CRS, whose numbers would be misread.
    private func checkCRS() throws {
        if let lonLat, let name = crsName, !GeoJSONFeatureFile.lonLatCRSNames.contains(name.uppercased()) {
            throw FrontierError.notLonLat(file: file, detail: "declares the CRS \(name)", role: lonLat)
        }
    }

    /// `crs.properties.name`, when the member has that shape.
    private static func crsName(_ r: JSONReader) throws -> String? {
        guard try r.kind() == .object else { try r.skipValue(); return nil }
        try r.beginObject()
        var name: String?
        var first = true
        while let key = try r.nextKey(&first) {
            guard key == "properties", try r.kind() == .object else { try r.skipValue(); continue }
            try r.beginObject()
            var inner = true
            while let k = try r.nextKey(&inner) {
                if k == "name", try r.kind() == .string { name = try r.string() } else { try r.skipValue() }
            }
        }
        return name
    }

    /// A syntax error as the file's error: its line, and the feature it is in.
    private func syntax(_ e: JSONReader.SyntaxError) -> FrontierError {
        var inFeature = ""
        if insideFeature {
            inFeature = "feature \(count): "
        } else if case .inFeatures = state {
            inFeature = count == 0 ? "before the first feature: " : "after feature \(count): "
        }
        return .malformed(file: file, line: e.line, reason: "is not valid JSON: \(inFeature)\(e.reason) (column \(e.column))")
    }

    // MARK: - One feature

    private func feature(number: Int) throws -> GeoJSONFeatureRecord {
        var record = GeoJSONFeatureRecord(number: number, line: reader.line)
        guard try reader.kind() == .object else {
            try reader.skipValue()
            record.problem = "not a GeoJSON Feature"
            return record
        }
        try reader.beginObject()
        var isFeature = false
        var first = true
        while let key = try reader.nextKey(&first) {
            switch key {
            case "type":
                if try reader.kind() == .string { isFeature = try reader.string() == "Feature" } else { try reader.skipValue(); isFeature = false }
            case "properties":
                record.properties = try properties()
            case "geometry" where reading.geometry != .none:
                if try reader.kind() == .null {
                    try reader.null()
                    record.geometry = nil
                } else {
                    record.geometry = try GeoJSONShape.read(reader, pointOnly: reading.geometry == .point)
                }
            default:
                try reader.skipValue()
            }
        }
        if !isFeature { record = GeoJSONFeatureRecord(number: number, line: record.line, problem: "not a GeoJSON Feature") }
        return record
    }

    private func properties() throws -> [(key: String, value: PropertyValue)] {
        guard try reader.kind() == .object else { try reader.skipValue(); return [] }
        try reader.beginObject()
        var list: [(key: String, value: PropertyValue)] = []
        var first = true
        while let key = try reader.nextKey(&first) {
            if reading.values { list.append((key, try value())) } else { try reader.skipValue(); list.append((key, .null)) }
        }
        return list
    }

    /// A property's value: numbers stay numbers; objects and arrays are kept as their JSON text, keys sorted
    /// as Foundation writes them.
    private func value() throws -> PropertyValue {
        switch try reader.kind() {
        case .string: return .string(try reader.string())
        case .number: return try reader.number()
        case .bool: return .bool(try reader.bool())
        case .null: try reader.null(); return .null
        case .object, .array:
            let text = try reader.capture()
            if let object = try? JSONSerialization.jsonObject(with: Data(text)),
               let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                return .string(String(decoding: data, as: UTF8.self))
            }
            return .string(String(decoding: text, as: UTF8.self))
        }
    }
}

import Foundation

/// A map's SVG read as a reader of the file would: opening tags by their start, attributes, the part inside a
/// group, the legend's entries and the labels' boxes.
struct MapSVG {
    let text: String

    /// The map's SVG inside a report page (or the SVG document itself).
    init(_ document: String) {
        let start = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\""
        guard let r = document.range(of: start), let end = document[r.lowerBound...].range(of: "</svg>") else {
            text = ""
            return
        }
        text = String(document[r.lowerBound..<end.upperBound])
    }

    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        return String(tag[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Opening tags whose text starts with `prefix` (e.g. `<text class="label`), in `within` or the whole map.
    func tags(_ prefix: String, in within: String? = nil) -> [Substring] {
        (within ?? text).components(separatedBy: prefix).dropFirst().map { Substring(prefix + $0.prefix { $0 != ">" }) }
    }

    /// The part of the SVG inside `<g class="NAME"`.
    func group(_ name: String) -> String {
        guard let start = text.range(of: "<g class=\"\(name)\"") else { return "" }
        let rest = text[start.lowerBound...]
        return String(rest[..<(rest.range(of: "\n</g>")?.upperBound ?? rest.endIndex)])
    }

    /// The legend's entries: their text and their attributes' tag.
    var legendItems: [(text: String, tag: Substring)] {
        group("legend").components(separatedBy: "<g class=\"legend-item\"").dropFirst().map { chunk in
            let tag = Substring("<g class=\"legend-item\"" + chunk.prefix { $0 != ">" })
            let item = chunk.components(separatedBy: "</g>")[0]
            let text = item.components(separatedBy: "\">").last.map { String($0.prefix { $0 != "<" }) } ?? ""
            return (text, tag)
        }
    }

    /// The legend's fills (`data-fill`), by the entry's text.
    var legendFills: [String: String] {
        Dictionary(legendItems.compactMap { item in Self.attribute("data-fill", in: item.tag).map { (item.text, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The labels' keys (`data-label`).
    var labels: Set<String> { Set(tags("<text class=\"label").compactMap { Self.attribute("data-label", in: $0) }) }

    /// The labels' boxes: x, y, width, height.
    var labelBoxes: [[Double]] {
        tags("<text class=\"label").compactMap { Self.attribute("data-box", in: $0)?.split(separator: " ").compactMap { Double($0) } }.filter { $0.count == 4 }
    }

    /// The incidents' circles: centre and radius.
    var circles: [(x: Double, y: Double, r: Double)] {
        tags("<circle class=\"incident\"").compactMap { tag in
            guard let x = Double(Self.attribute("cx", in: tag) ?? ""), let y = Double(Self.attribute("cy", in: tag) ?? ""),
                  let r = Double(Self.attribute("r", in: tag) ?? "") else { return nil }
            return (x, y, r)
        }
    }

    /// The view's lon/lat box: minX, minY, maxX, maxY.
    var view: [Double] {
        tags("<svg xmlns").first.flatMap { Self.attribute("data-view", in: $0) }?.split(separator: " ").compactMap { Double($0) } ?? []
    }

    /// Region paths: id, fill and pattern (when the hot spot layer drew one).
    var regions: [(id: String, fill: String, pattern: String?)] {
        tags("<path class=\"region\"").compactMap { tag in
            guard let id = Self.attribute("data-region", in: tag), let fill = Self.attribute("fill", in: tag) else { return nil }
            return (id, fill, Self.attribute("data-pattern", in: tag))
        }
    }
}

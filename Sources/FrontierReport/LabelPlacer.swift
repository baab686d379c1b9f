import Geo

/// Places map text without overlaps: each label takes the first of its candidate positions whose box is
/// inside the frame and clear of every box already taken (labels, legend, inset). Callers place the most
/// important labels first (countries, then regions by size), so a crowded map drops the small ones.
struct LabelPlacer {
    /// A text's box in pixels (x, y: top left).
    struct Box: Equatable {
        var x, y, width, height: Double

        func overlaps(_ o: Box) -> Bool {
            x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height
        }

        func inside(_ frame: Box) -> Bool {
            x >= frame.x && y >= frame.y && x + width <= frame.x + frame.width && y + height <= frame.y + frame.height
        }
    }

    let frame: Box
    private(set) var taken: [Box] = []

    init(frame: Box) {
        self.frame = frame
    }

    mutating func reserve(_ box: Box) { taken.append(box) }

    /// The box of `text` centred on `centre`. Widths are estimated generously for a sans-serif face
    /// (0.62 em a character, 0.78 em in capitals with letter spacing), so estimated boxes that do not
    /// overlap leave real text apart.
    static func box(_ text: String, fontSize: Double, capitals: Bool, centre: Coordinate) -> Box {
        let width = Double(text.count) * fontSize * (capitals ? 0.78 : 0.62) + 4
        let height = fontSize * 1.3
        return Box(x: centre.x - width / 2, y: centre.y - height / 2, width: width, height: height)
    }

    /// Takes the first candidate centre where the label fits (and `accept` agrees); nil when none does.
    mutating func place(_ text: String, fontSize: Double, capitals: Bool, candidates: [Coordinate], accept: (Box) -> Bool = { _ in true }) -> Box? {
        for c in candidates {
            let b = Self.box(text, fontSize: fontSize, capitals: capitals, centre: c)
            if b.inside(frame) && !taken.contains(where: { $0.overlaps(b) }) && accept(b) {
                taken.append(b)
                return b
            }
        }
        return nil
    }
}

import Geo

/// Places map text without overlaps: each label takes the first of its candidate positions whose box is
/// inside the frame and clear of every box already taken (labels, legend, inset, incident symbols). Callers
/// place the most important labels first (countries, then regions by size), so a crowded map drops the small
/// ones. Taken boxes are filed in square buckets, so thousands of incident symbols cost little to test against.
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

    private struct Bucket: Hashable { var x: Int, y: Int }

    let frame: Box
    private(set) var taken: [Box] = []
    private var buckets: [Bucket: [Int]] = [:]
    /// The side of a bucket in pixels.
    private static let bucketSide = 48.0

    init(frame: Box) {
        self.frame = frame
    }

    private static func buckets(_ b: Box) -> [Bucket] {
        guard b.x.isFinite, b.y.isFinite, b.width.isFinite, b.height.isFinite else { return [] }
        let (x0, x1) = (Int((b.x / bucketSide).rounded(.down)), Int(((b.x + b.width) / bucketSide).rounded(.down)))
        let (y0, y1) = (Int((b.y / bucketSide).rounded(.down)), Int(((b.y + b.height) / bucketSide).rounded(.down)))
        guard x1 >= x0, y1 >= y0, x1 - x0 < 10_000, y1 - y0 < 10_000 else { return [] }
        return (x0...x1).flatMap { x in (y0...y1).map { Bucket(x: x, y: $0) } }
    }

    /// Keeps `box` clear of any label placed later.
    mutating func reserve(_ box: Box) {
        let i = taken.count
        taken.append(box)
        for key in Self.buckets(box) { buckets[key, default: []].append(i) }
    }

    /// Whether `box` overlaps nothing taken.
    func isClear(_ box: Box) -> Bool {
        for key in Self.buckets(box) {
            for i in buckets[key] ?? [] where taken[i].overlaps(box) { return false }
        }
        return true
    }

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
            if b.inside(frame) && isClear(b) && accept(b) {
                reserve(b)
                return b
            }
        }
        return nil
    }
}

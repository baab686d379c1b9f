import Geo

/// Certified bounds on the geodesic distance from a point to a geodesic segment, made of straight lines
/// through the earth (earth-centred cartesian positions, `Geodesic.cartesian`): a few multiplications where
/// the exact solve (`Geodesic.distance(from:toSegment:)`) costs two to four inverse problems. `Proximity`
/// decides by them every point they can decide, and solves only the rest.
///
/// Two facts carry every bound here:
/// 1. A straight line is no longer than any path between its ends, so the chord |XY| between two points of
///    the surface is never longer than the geodesic between them (`Geodesic.cartesian`).
/// 2. The geodesic segment γ from A to B (length L, chord c = |AB|) lies within `bulge(L, c)` of the straight
///    segment AB (proved at `bulge`).
///
/// Tolerances, GeographicLib style: GeographicLib's inverse is accurate to 15 nm; a cartesian position is
/// some 6.4·10⁶ m from the centre, so each of its coordinates is rounded by about 10⁻⁹ m, and a chord
/// computed from two of them by a few 10⁻⁹ m; the solver's answer for a segment is the exact distance of a
/// genuine point of it (`Geodesic.nearestPoint`), so never below the true least distance by more than the
/// inverse's 15 nm. `slack` (1 µm) is over 60 times all of these together.
enum SegmentBounds {
    /// Taken off every lower bound and added to every upper bound: over 60 times the rounding of the
    /// positions, chords and inverse solutions they are compared with (see the type's note).
    static let slack = 1e-6

    /// What a point decided inside by an upper bound keeps between that bound and the threshold. The exact
    /// path's answer is never below the true least distance (less 15 nm, the type's note) but may lie above
    /// it by what the solver leaves when it stops: a further step could gain less than 0.1 µm
    /// (`Geodesic.nearestPoint`, sub-micrometre in every measured case). 1 mm is ten thousand times that, so a
    /// point decided inside has an exact answer at most the threshold too: both paths decide it alike.
    static let insideMargin = 1e-3

    /// How far, at most, the geodesic segment of length `length` strays from its straight chord of length
    /// `chord`: h = √(L² − c²)/2.
    ///
    /// Why it holds: a point X of γ at arc length s from A has |AX| ≤ s and |XB| ≤ L − s (fact 1, along the
    /// arcs of γ), so |AX| + |XB| ≤ L: X lies in the solid prolate spheroid with foci A and B, semi-axes L/2
    /// and h. At axial offset x from its centre (|x| ≤ L/2) its points lie within r(x) = h·√(1 − 4x²/L²) of
    /// the axis. For |x| ≤ c/2 that is their distance to the segment AB, at most h. Beyond an end, the squared
    /// distance to the segment, (|x| − c/2)² + r(x)², is convex in |x| (its x² coefficient is c²/L² ≥ 0), so
    /// it is at most its value at an end of [c/2, L/2]: h²(1 − c²/L²) ≤ h², or ((L − c)/2)² ≤ (L − c)(L + c)/4
    /// = h². So every point of γ lies within h of the segment AB.
    ///
    /// Tolerances: h grows with L and shrinks with c, so L is taken `slack` longer and c `slack` shorter than
    /// computed (each is within 10⁻⁸ m of the truth), and the product form (L − c)(L + c) avoids cancelling
    /// two squares of 10⁹ m². Sizes: 2 cm for a 1 km segment, 56 m for 50 km (h ≈ L²/(√12·2R)).
    static func bulge(length: Double, chord: Double) -> Double {
        let l = length + slack, c = max(0, chord - slack)
        return (max(0, (l - c) * (l + c))).squareRoot() / 2
    }

    /// The square of the straight-line distance from `p` to the segment from `a` along `chord` (`b − a`),
    /// with `inverseChordSquared` = 1/|chord|² (0 for a point): its nearest point is the projection of `p` on
    /// the chord's line, clamped to the segment. Squared, so that most candidates are turned away by comparing
    /// it with `beyondSquared` before any square root.
    ///
    /// Tolerances: the projection's parameter is rounded by a few ulps, which moves the point found along the
    /// segment by nanometres; the distance is flat there (it grows by δ²/2d), so its root exceeds the true
    /// distance to the segment by at most a few 10⁻⁹ m, well inside `slack`.
    @inline(__always)
    static func chordDistanceSquared(_ p: SIMD3<Double>, a: SIMD3<Double>, chord: SIMD3<Double>, inverseChordSquared: Double) -> Double {
        let ap = p - a
        let t = min(max((ap * chord).sum() * inverseChordSquared, 0), 1)
        let d = ap - t * chord
        return (d * d).sum()
    }

    /// The squared chord distance beyond which a segment's lower bound `toChord − bulge − slack` exceeds
    /// `reach`: (reach + bulge + slack)². Comparing squares is the same test up to their rounding, a few parts
    /// in 10¹⁶ (nanometres at any distance on the earth), which `slack` covers.
    static func beyondSquared(reach: Double, bulge: Double) -> Double {
        let r = reach + bulge + slack
        return r * r
    }

    /// A certified lower bound on the geodesic distance from `p` to the segment, given the chords from `p` to
    /// its ends (`toA`, `toB`) and to the straight segment (`toChord`): the larger of two.
    ///
    /// - (toA + toB − L)/2: for X on γ at arc length s, |pX| ≥ |pA| − s and |pX| ≥ |pB| − (L − s) (triangle
    ///   inequality, geodesic distances), so |pX| ≥ (|pA| + |pB| − L)/2 ≥ (toA + toB − L)/2 (fact 1). Tight
    ///   beyond the segment's ends, loose beside its middle (about h²/L short for a point h away).
    /// - toChord − bulge: |pX| ≥ |pX| through the earth (fact 1) ≥ (distance from p to the straight segment)
    ///   − (distance from X to it) ≥ toChord − bulge (fact 2). Tight beside the segment: within 2·bulge plus
    ///   the chord's own shortfall (d³/24R², 16 mm at 25 km).
    ///
    /// `slack` is taken off for the rounding of all of these (the type's note). NaN when an input is.
    @inline(__always)
    static func lower(toA: Double, toB: Double, length: Double, toChord: Double, bulge: Double) -> Double {
        max((toA + toB - length) / 2, toChord - bulge) - slack
    }

    /// A certified upper bound on the geodesic distance from `p` to the segment, given its chord distance
    /// `toChord` to the straight segment.
    ///
    /// Why it holds: let Q be the point of the straight segment nearest p. Projected on the line AB, the
    /// points of γ run continuously from A to B, so one of them, X, projects onto Q; X lies within `bulge` of
    /// the segment and its projection is inside it, so |XQ| ≤ bulge and |pX| (through the earth) ≤ toChord +
    /// bulge. The geodesic from p to X is at most `Geodesic.distanceUpperBound(chord:)` of that chord (which
    /// grows with the chord), and the distance to the segment is at most the distance to X. `slack` covers
    /// the rounding of toChord (`chordDistance`).
    @inline(__always)
    static func upper(toChord: Double, bulge: Double) -> Double {
        Geodesic.wgs84.distanceUpperBound(chord: toChord + bulge + slack)
    }
}

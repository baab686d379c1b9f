import Foundation

/// The seeded random numbers behind `Synth`: xoshiro256** (Blackman and Vigna), its state filled
/// from the seed by SplitMix64, as the authors recommend.
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded and the standard library's algorithms
/// (`Double.random(in:using:)`, `shuffled`) may change between releases, so every draw here is spelled out:
/// the same seed gives the same sequence of integers on every machine and every Swift version.
struct SynthRandom {
    private var s0, s1, s2, s3: UInt64

    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1), 53 random bits.
    @inline(__always)
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in (0, 1]: safe under a logarithm.
    @inline(__always)
    mutating func uniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * uniform()
    }

    /// Uniform in 0..<n (Lemire's multiply-shift; the bias for the small n used here is below 2⁻⁵⁰).
    mutating func below(_ n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    mutating func chance(_ p: Double) -> Bool {
        uniform() < p
    }

    /// Standard normal (Box–Muller, one of the pair).
    mutating func normal() -> Double {
        (-2 * log(uniformPositive())).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// An index drawn with the given cumulative weights (last element = total).
    mutating func pick(cumulative: [Double]) -> Int {
        let u = uniform() * cumulative[cumulative.count - 1]
        for (i, c) in cumulative.enumerated() where u < c { return i }
        return cumulative.count - 1
    }
}

/// Running sums of weights, for `SynthRandom.pick(cumulative:)`.
func cumulativeWeights(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map { total += $0; return total }
}

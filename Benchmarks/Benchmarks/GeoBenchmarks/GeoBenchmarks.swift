import Benchmark
import Geo

/// The Geo layer's building blocks, measured so later hot paths know what a GEOS or PROJ call costs.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(3))

    // 100k points spread over Afghanistan's bounding box, reproducible.
    func points(_ n: Int) -> [Coordinate] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<n).map { _ in Coordinate(lon: 60.5 + next() * 14.5, lat: 29.4 + next() * 9.1) }
    }

    Benchmark("PROJ batch transform lon/lat → UTM 42N (100k points)",
              configuration: .init(scalingFactor: .kilo)) { benchmark in
        let t = try Transformer(from: "EPSG:4326", to: "EPSG:32642")
        let input = points(100_000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var batch = input
            blackHole(t.transform(&batch))
        }
    }

    Benchmark("Geodesic inverse (1k pairs)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let input = points(1_001)
        let g = Geodesic.wgs84
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var total = 0.0
            for i in 0..<1_000 { total += g.inverse(from: input[i], to: input[i + 1]).distance }
            blackHole(total)
        }
    }

    Benchmark("Geodesic point-to-segment distance (1k points)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        // A 20 km segment in the north-east and 1k points within 50 km of it, reproducible.
        let g = Geodesic.wgs84
        let a = Coordinate(lon: 69.0, lat: 37.2)
        let b = g.direct(from: a, azimuth: 75, distance: 20_000).coordinate
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let input = (0..<1_000).map { _ in
            let x = g.direct(from: a, azimuth: 75, distance: next() * 20_000).coordinate
            return g.direct(from: x, azimuth: next() * 360, distance: next() * 50_000).coordinate
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var total = 0.0
            for p in input { total += g.distance(from: p, toSegment: a, b).distance }
            blackHole(total)
        }
    }

    Benchmark("GEOS prepared covers, 200-vertex polygon (1k points)",
              configuration: .init(scalingFactor: .kilo)) { benchmark in
        let ctx = try GEOSContext()
        let circle = try Geometry.point(Coordinate(lon: 67.5, lat: 34), context: ctx)
            .buffer(distance: 4, quadrantSegments: 50)
        let prepared = try PreparedGeometry(circle)
        let input = points(1_000)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var inside = 0
            for p in input where try prepared.covers(p) { inside += 1 }
            blackHole(inside)
        }
    }
}

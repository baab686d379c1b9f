import Benchmark
import Foundation
import Frontier
import Geo

/// Issue 5's hot paths on `frontier synth` data (seed 42): point location, CSV parsing, and `aggregate` end to
/// end with its peak memory.
///
/// The runner starts one process per benchmark, so each benchmark's setup prepares only what it needs and its
/// teardown removes its temporary files. Synth CSV files are written by a child process (this executable run
/// again with `synthFileVariable` set), so generating them never raises the resident memory the aggregate
/// benchmarks report.
let benchmarks: @Sendable () -> Void = {
    if let request = ProcessInfo.processInfo.environment[synthFileVariable] {
        writeSynthFileAndExit(request)
    }

    // Whole-input metrics computed inside an iteration, precise where `throughput` (an integer count of
    // iterations per second) would be coarse. Shown in K or M as their headers say.
    let pointsPerSecond = BenchmarkMetric.custom("Points / s", polarity: .prefersLarger, useScalingFactor: false)
    let megabytesPerSecond = BenchmarkMetric.custom("MB / s", polarity: .prefersLarger, useScalingFactor: false)

    // MARK: Start-up

    // What `near --border AFG-TJK` loads before its first row: admin-1 with its locate index, admin-0 and the
    // border lines. From GeoData/boundaries.bin (the commands' path), and from the GeoJSON with the index
    // classified (the path when the GeoJSON was edited after the compact file was derived) for contrast.
    Benchmark("Start-up: load admin1 + admin0 + borders (boundaries.bin)",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 50),
              closure: { _ in
                  let context = try GEOSContext()
                  let regions = try RegionSet.load(.admin1, geodata: geodata, context: context)
                  let countries = try RegionSet.load(.admin0, geodata: geodata, context: context)
                  let borders = try BorderSet.load(geodata: geodata, context: context)
                  precondition(regions.locateIndex != nil, "boundaries.bin is stale: run frontier geodata compact")
                  blackHole((regions.count, countries.count, borders.borders.count))
              })
    Benchmark("Start-up: load admin1 + admin0 + borders (GeoJSON, index classified)",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 10),
              closure: { _ in
                  let context = try GEOSContext()
                  let geojsonOnly = try geojsonCopyOfGeoData()
                  defer { try? FileManager.default.removeItem(at: geojsonOnly.directory) }
                  let regions = try RegionSet.load(.admin1, geodata: geojsonOnly, context: context)
                  try regions.buildLocateIndex()
                  let countries = try RegionSet.load(.admin0, geodata: geojsonOnly, context: context)
                  let borders = try BorderSet.load(geodata: geojsonOnly, context: context)
                  blackHole((regions.count, countries.count, borders.borders.count))
              })

    // MARK: Locate

    // 1M points, one pass over all of them per iteration (after one warmup pass). `scalingFactor: .mega` with
    // the loop over `benchmark.scaledIterations` (one point each) makes `Throughput (# / s) (M)` read in
    // millions of points per second (an integer, so coarse), `Time (wall clock) *` the time per point, and
    // `Points / s (K)` the same rate unrounded, in thousands of points per second.
    let indexed = Box<(regions: RegionSet, points: [Coordinate])>()
    Benchmark("Locate 1M synthetic points against admin1 (cell index)",
              configuration: .init(metrics: [.wallClock, .throughput, pointsPerSecond], units: [pointsPerSecond: .kilo],
                                   warmupIterations: 1, scalingFactor: .mega, maxDuration: .seconds(5), maxIterations: 20),
              closure: { benchmark in
                  let (regions, points) = indexed.value!
                  let start = ContinuousClock.now
                  var found = 0
                  for i in benchmark.scaledIterations where try regions.locate(points[i]) != nil { found += 1 }
                  benchmark.measurement(pointsPerSecond, perSecond(points.count, since: start))
                  blackHole(found)
              },
              setup: {
                  let regions = try RegionSet.load(.admin1, geodata: geodata)
                  try regions.buildLocateIndex()
                  indexed.value = (regions, try synthCoordinates(count: 1_000_000))
              })

    // The same 1M points and configuration with prepared GEOS predicates alone (STRtree candidates, then
    // `covers`), for contrast: no cell index. The warmup pass prepares the geometries. ~0.6 s a pass, so fewer.
    let exact = Box<(regions: RegionSet, points: [Coordinate])>()
    Benchmark("Locate 1M synthetic points against admin1 (exact prepared GEOS, no index)",
              configuration: .init(metrics: [.wallClock, .throughput, pointsPerSecond], units: [pointsPerSecond: .kilo],
                                   warmupIterations: 1, scalingFactor: .mega, maxDuration: .seconds(5), maxIterations: 5),
              closure: { benchmark in
                  let (regions, points) = exact.value!
                  let start = ContinuousClock.now
                  var found = 0
                  for i in benchmark.scaledIterations where try regions.locateExactly(points[i]) != nil { found += 1 }
                  benchmark.measurement(pointsPerSecond, perSecond(points.count, since: start))
                  blackHole(found)
              },
              setup: {
                  exact.value = (try RegionSet.load(.admin1, geodata: geodata), try synthCoordinates(count: 1_000_000))
              })

    // MARK: CSV parsing

    // A 1M-row synth file read as the commands read CSV with `--threads 1` (page cache warm after the warmup
    // pass): IncidentScan, so the chunker on this thread, one worker parsing and validating the chunks, and
    // the merge with its duplicate-id check; no regions, values not materialized (as `aggregate` reads).
    // `MB / s` is the file's size (10^6 bytes) over the pass's time. Until issue 26 this measured the
    // streaming reader, which only tests used, as "CSV parse (IncidentReader, 1M synth rows)": results
    // saved under that name are not this benchmark's baseline.
    let parseFile = Box<String>()
    Benchmark("CSV parse (chunked, 1 worker, 1M synth rows)",
              configuration: .init(metrics: [.wallClock, megabytesPerSecond],
                                   warmupIterations: 1, maxDuration: .seconds(8), maxIterations: 5),
              closure: { benchmark in
                  let path = parseFile.value!
                  let bytes = try fileSize(path)
                  var query = IncidentQuery(path: path, format: .csv)
                  query.workers = 1
                  query.valuesNeeded = []
                  let start = ContinuousClock.now
                  var rows = 0
                  let summary = try IncidentScan(query).run(onReject: { _ in }) { scanned in
                      rows += 1
                      blackHole(scanned.incident.coordinate)
                  }
                  benchmark.measurement(megabytesPerSecond, perSecond(bytes, since: start) / 1_000_000)
                  guard rows == 1_000_000, summary.read == 1_000_000, summary.rejected == 0 else {
                      throw BenchmarkFailure("kept \(rows) rows, read \(summary.read), rejected \(summary.rejected)")
                  }
              },
              setup: { parseFile.value = try synthFile(count: 1_000_000) },
              teardown: { removeFile(parseFile.value) })

    // MARK: Aggregate

    // `frontier aggregate --window week --threads 2` end to end minus writing the output: load admin-1, run
    // IncidentScan (worker copies of the regions, the cell index, chunking, parsing, locating, counting),
    // make the sorted rows. No warmup and 3 runs, the first in a fresh process (the file is written by a child);
    // peak resident memory is the whole process's, sampled every ~5 ms (the harness's own few MB included), and
    // later runs may start from memory the allocator kept. `Time (total CPU)` shows how much the workers overlap.
    let aggregateFile = Box<String>()
    Benchmark("Aggregate end-to-end 1M rows (week, admin1, 2 workers)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
                                   warmupIterations: 0, maxDuration: .seconds(10), maxIterations: 3),
              closure: { _ in try aggregate(path: aggregateFile.value!, rows: 1_000_000) },
              setup: { aggregateFile.value = try synthFile(count: 1_000_000) },
              teardown: { removeFile(aggregateFile.value) })

    // The same at 5M rows, once: memory should grow only with the id hashes and the counters, not the rows.
    let bigFile = Box<String>()
    Benchmark("Aggregate memory 5M rows (week, admin1, 2 workers)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
                                   warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 1),
              closure: { _ in try aggregate(path: bigFile.value!, rows: 5_000_000) },
              setup: { bigFile.value = try synthFile(count: 5_000_000) },
              teardown: { removeFile(bigFile.value) })

    // Emerging Hot Spot Analysis on a cube the size 1M clustered incidents make on 10 km cells over three
    // years by month (~35,000 locations × 36 windows): neighbours within 15 km, Gi* with a one-window lag,
    // the FDR bins, Mann-Kendall and the pattern of every location. The scan itself is measured above.
    let cube = Box<SpaceTimeCube>()
    Benchmark("Hotspots: 35k locations × 36 months (15 km, lag 1)",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident], warmupIterations: 0, maxIterations: 3),
              closure: { _ in
                  var options = EmergingHotSpots.Options(distance: 15_000)
                  options.timeLag = 1
                  blackHole(try EmergingHotSpots(cube: cube.value!, options: options).patterns)
              },
              setup: {
                  // A 190 × 190 grid of 10 km cells around 36°N 68°E (the synth set's clustering), counts
                  // drawn with a fixed generator.
                  var seed: UInt64 = synthSeed
                  func next() -> Double { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Double(seed >> 11) / Double(1 << 53) }
                  let centres = (0..<35_000).map { i in Coordinate(x: 62 + Double(i % 190) * 0.112, y: 30 + Double(i / 190) * 0.09) }
                  var c = SpaceTimeCube(centres: centres, steps: 36)
                  for i in 0..<centres.count { for t in 0..<36 where next() < 0.3 { c.add(Double(Int(next() * 4)) + 1, location: i, step: t) } }
                  cube.value = c
              })
}

// MARK: - Support

/// Every benchmark uses `frontier synth`'s rows with this seed.
let synthSeed: UInt64 = 42

/// The repository's GeoData folder: this file is Benchmarks/Benchmarks/FrontierBenchmarks/FrontierBenchmarks.swift.
let geodata = GeoDataLocation(directory: URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("GeoData"))

/// The bundled GeoJSON alone in a temporary folder (no boundaries.bin): the slow start-up path.
func geojsonCopyOfGeoData() throws -> GeoDataLocation {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-bench-geojson-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for name in ["admin0.geojson", "admin1.geojson", "borders.geojson"] {
        try FileManager.default.copyItem(at: geodata.file(name), to: dir.appendingPathComponent(name))
    }
    return GeoDataLocation(directory: dir)
}

/// One benchmark's prepared state, written by its setup and read by its iterations (one thread at a time).
final class Box<Value>: @unchecked Sendable {
    var value: Value?
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func aggregate(path: String, rows: Int) throws {
    let regions = try RegionSet.load(.admin1, geodata: geodata)
    var query = IncidentQuery(path: path, format: .csv)
    query.workers = 2
    query.requiresDate = true
    query.valuesNeeded = []
    var aggregation = Aggregation(window: .week(start: 0))
    let summary = try IncidentScan(query, locating: ScanLocating(regions: regions)).run(onReject: { _ in }) { s in
        if let day = s.incident.date { try aggregation.add(region: s.region, date: day, fatalities: s.incident.fatalities) }
    }
    let table = try aggregation.rows()
    guard summary.read == rows, summary.rejected == 0, !table.isEmpty else {
        throw BenchmarkFailure("aggregate read \(summary.read) rows, rejected \(summary.rejected), made \(table.count) rows")
    }
    blackHole(table)
}

/// `count` per second, from `count` things done since `start`.
func perSecond(_ count: Int, since start: ContinuousClock.Instant) -> Int {
    let elapsed = start.duration(to: .now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Int((Double(count) / seconds).rounded())
}

func fileSize(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
}

func removeFile(_ path: String?) {
    if let path { try? FileManager.default.removeItem(atPath: path) }
}

/// The coordinates of `count` synth rows, generated in memory and read back with IncidentReader, a chunk
/// at a time as a scan's workers read them.
func synthCoordinates(count: Int) throws -> [Coordinate] {
    let synth = try Synth(options: SynthOptions(count: count, seed: synthSeed), geodata: geodata)
    var options = IncidentReader.Options()
    options.materializeValues = false
    options.checkDuplicates = false
    var points: [Coordinate] = []
    points.reserveCapacity(count)
    var line = 1
    try synth.write(chunks: { chunk in
        // Chunks end at line ends; the first starts with the header.
        var body = chunk[...]
        if line == 1, let end = body.firstIndex(of: 0x0A) { body = body[(end + 1)...]; line = 2 }
        let reader = try IncidentReader(chunk: Array(body), name: "synth", firstLine: line, columns: Synth.columns, options: options)
        while let incident = try reader.next() { points.append(incident.coordinate) }
        line += reader.readCount
    })
    guard points.count == count else { throw BenchmarkFailure("synth gave \(points.count) points, not \(count)") }
    return points
}

/// Asks a child process for a synth file and returns its path, in the temporary folder with a name that
/// says what it is; the benchmark's teardown removes it.
let synthFileVariable = "FRONTIER_BENCHMARK_SYNTH_FILE"

func synthFile(count: Int) throws -> String {
    let path = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("frontier-benchmark-synth-\(count)-seed\(synthSeed)-\(getpid()).csv").path
    guard let executable = Bundle.main.executableURL else { throw BenchmarkFailure("cannot find this executable") }
    let child = Process()
    child.executableURL = executable
    child.arguments = []
    child.environment = ProcessInfo.processInfo.environment.merging([synthFileVariable: "\(count) \(path)"]) { $1 }
    child.standardInput = FileHandle.nullDevice
    child.standardOutput = FileHandle.nullDevice
    try child.run()
    child.waitUntilExit()
    guard child.terminationStatus == 0 else {
        removeFile(path)
        throw BenchmarkFailure("writing \(count) synth rows to \(path) failed (status \(child.terminationStatus))")
    }
    return path
}

/// In the child: "COUNT PATH" → write COUNT synth rows (seed `synthSeed`) to PATH and exit.
func writeSynthFileAndExit(_ request: String) -> Never {
    let parts = request.split(separator: " ", maxSplits: 1).map(String.init)
    do {
        guard parts.count == 2, let count = Int(parts[0]) else { throw BenchmarkFailure("bad request '\(request)'") }
        guard FileManager.default.createFile(atPath: parts[1], contents: nil),
              let handle = FileHandle(forWritingAtPath: parts[1]) else { throw BenchmarkFailure("cannot create \(parts[1])") }
        try Synth(options: SynthOptions(count: count, seed: synthSeed), geodata: geodata).write(to: handle)
        try handle.close()
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("synth for the benchmarks: \(error)\n".utf8))
        exit(1)
    }
}

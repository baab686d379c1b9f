import CArrow
import Foundation
import Frontier
import FrontierArrow

// The C ABI (docs/architecture.md, "The C ABI"): three functions, plain C types, answers as Arrow streams.
//
//   const char *frontier_version(void);
//   int frontier_answer(const char *question, const char *options_json, struct ArrowArrayStream *input,
//                       struct ArrowArrayStream *out, char **report_json);
//   void frontier_free(char *text);
//
// `input` is the incidents as a table (moved in: the caller's struct is left released), or NULL to read the
// `input` option's path. frontier_answer returns 0 and fills `out` (the caller's struct; the caller releases
// it) with the answer's record batches, and `*report_json` with what was read (counts, rejected rows). On
// failure it returns 64 for an option given wrongly (the command line's usage error), 65 for a rejected row
// under `strict` (EX_DATAERR, as the command line exits), 1 for what the request found (a missing file, a
// malformed row, an unknown border); it leaves `out` released, and `*report_json` is {"error": {...}} with the
// message and, where known, the file, line, field and value. Every string handed back is freed with
// frontier_free. Calls on different threads are independent: each opens its own GEOS and PROJ handles.
//
// The counting questions (aggregate, hotspots, trends) also answer in two stages, for an input held in parts
// on several machines: `"stage": "count"` answers one part with its cells (`PartCells`) and a report whose
// `part` is kept; the caller adds the parts' cells up (or not) and `"stage": "finish"` answers from them,
// `input` being the cells and `parts` the kept reports (`Stage`).

// Made once and never freed: the pointer stays valid for the life of the process, as callers expect of a version.
nonisolated(unsafe) private let versionText = strdup(FrontierVersion.build)

/// `frontier_version`: the build's version (`FrontierVersion.build`), valid for the life of the process.
@_cdecl("frontier_version")
public func frontierVersion() -> UnsafePointer<CChar>? {
    UnsafePointer(versionText)
}

/// `frontier_free`: frees a string this library handed back (a report); NULL is allowed.
@_cdecl("frontier_free")
public func frontierFree(_ text: UnsafeMutablePointer<CChar>?) {
    free(text)
}

/// `frontier_answer`: answers one question (see the comment above for its contract).
/// - Returns: 0; 64 for an option given wrongly; 65 for a rejected row under `strict`; 1 for what the request
///   found; EINVAL for a NULL argument.
@_cdecl("frontier_answer")
public func frontierAnswer(_ question: UnsafePointer<CChar>?, _ options: UnsafePointer<CChar>?,
                           _ input: UnsafeMutablePointer<ArrowArrayStream>?, _ out: UnsafeMutablePointer<ArrowArrayStream>?,
                           _ report: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    // The input is the caller's until it is moved in (`ArrowStreamReader` leaves the caller's struct released);
    // a request that fails, or never reads it, releases it here, so no path leaks it.
    defer { if let input, let release = input.pointee.release { release(input) } }
    guard let question, let options, let out, let report else { return EINVAL }
    out.pointee.release = nil
    let name = String(cString: question)
    do {
        let request = try RequestOptions(json: String(cString: options))
        let stage = try Stage(request, question: name, input: input)
        // Finishing, the input stream held the parts' cells (read by `Stage`); the request opens no rows.
        let rows = try stage.emptyInput ?? input.map { try ArrowIncidentTable(moving: $0, name: try request.text("input") ?? "the table") }
        let answer = try Questions.answer(name, request, rows: rows, stage: stage)
        ArrowBatchStream.export(fields: answer.fields, batches: answer.batches, to: out)
        report.pointee = strdup(JSONText.encode(answer.report))
        return 0
    } catch let problem as OptionProblem {
        report.pointee = strdup(JSONText.encode(["error": ["kind": "usage", "message": problem.description, "option": problem.option.map { $0 as Any } ?? NSNull()]]))
        return 64
    } catch {
        report.pointee = strdup(JSONText.encode(["error": ErrorFields.fields(of: error, question: name)]))
        // `strict` and a rejected row: EX_DATAERR, as the command line exits.
        if case FrontierError.strictRejection = error { return 65 }
        if case FrontierError.rejectedWhenStrict = error { return 65 }
        return 1
    }
}

import Frontier

/// The options every question that reads incidents shares, as the command line names them: where the rows
/// are and how their fields are named, which rows count, and where the boundaries come from.
enum InputOptions {
    /// The incidents to read: a path (CSV, GeoJSON, GeoJSONL, a GeoPackage store) or a postgresql:// URL.
    /// - Throws: `OptionProblem` for a wrongly given option (an unknown format, a delimiter that is not one).
    /// With `rows` (a caller's table), `input` only names it in messages (default "the table").
    /// `readsStores` false: the question reads no store (import), and takes no `store_source`.
    static func query(_ o: RequestOptions, rows: (any IncidentTable)? = nil, readsStores: Bool = true) throws -> IncidentQuery {
        guard let path = try o.text("input") ?? (rows == nil ? nil : "the table") else {
            throw OptionProblem(option: "input", message: "names the incidents to read, and is missing")
        }
        let named = try o.text("input_format")
        let format: InputFormat
        if rows != nil {
            format = .csv  // not used: the rows are read as they are
        } else if let named {
            guard let f = InputFormat(rawValue: named) else {
                throw OptionProblem(option: "input_format", message: "must be csv, geojson, geojsonl, gpkg or postgis, not '\(MessageText.escaped(named))'")
            }
            format = f
        } else if let f = InputFormat(path: path) {
            format = f
        } else {
            throw OptionProblem(option: "input", message: "cannot tell the format of '\(MessageText.escaped(path))' from its extension: name input_format")
        }
        var q = IncidentQuery(path: path, format: format)
        q.rows = rows
        let profile = try o.text("profile").map { name in
            guard let p = SourceProfile(rawValue: name) else { throw OptionProblem(option: "profile", message: "must be acled or ucdp, not '\(MessageText.escaped(name))'") }
            return p
        }
        let given = IncidentFields.Given(id: try o.text("id_field"), latitude: try o.text("lat_field"), longitude: try o.text("lon_field"),
                                         date: try o.text("date_field"), fatalities: try o.text("fatalities_field"))
        q.fields = (profile ?? .acled).fields(given)
        q.profile = profile
        q.given = given
        // A store holding several sources is read one source at a time from here: a caller names it.
        q.storeSource = readsStores ? try o.text("store_source") : nil
        if q.storeSource != nil, !format.isDatabase || rows != nil {
            throw OptionProblem(option: "store_source", message: "picks one source of a store: the input is not one")
        }
        if let d = try o.text("delimiter") {
            switch d.lowercased() {
            case ",", "comma": q.delimiter = UInt8(ascii: ",")
            case ";", "semicolon": q.delimiter = UInt8(ascii: ";")
            case "\t", "tab": q.delimiter = UInt8(ascii: "\t")
            default: throw OptionProblem(option: "delimiter", message: "takes comma, semicolon or tab, not '\(MessageText.escaped(d))'")
            }
        }
        q.crs = try o.text("crs")
        if let threads = try o.integer("threads") {
            guard threads >= 1 && threads <= 256 else { throw OptionProblem(option: "threads", message: "must be between 1 and 256, not \(threads)") }
            q.workers = threads
        }
        if let years = try o.text("years") {
            guard let range = IncidentQuery.years(parsing: years) else {
                throw OptionProblem(option: "years", message: "takes two years in order between 1 and 9999, e.g. \"1800-2100\", not '\(MessageText.escaped(years))'")
            }
            q.years = range
        }
        let maxGeoPrecision = try o.integer("max_geo_precision")
        if let maxGeoPrecision, maxGeoPrecision < 1 {
            throw OptionProblem(option: "max_geo_precision", message: "takes a whole number ≥ 1 (geo_precision starts at 1), not \(maxGeoPrecision)")
        }
        let (from, to) = (try date(o, "from"), try date(o, "to"))
        if let from, let to, from > to {
            throw OptionProblem(option: "from", message: "\(from) is after to \(to): no date can be in that range")
        }
        q.filter = IncidentFilter(from: from, to: to,
                                  equals: try (o.list("where") ?? []).map { condition in
                                      let parts = condition.split(separator: "=", maxSplits: 1).map(String.init)
                                      guard parts.count == 2 else {
                                          throw OptionProblem(option: "where", message: "takes FIELD=VALUE, not '\(MessageText.escaped(condition))'")
                                      }
                                      return IncidentFilter.Condition(column: parts[0], value: parts[1])
                                  }, maxGeoPrecision: maxGeoPrecision)
        return q
    }

    /// The bundled boundaries: `geodata` (a folder) and `boundaries` (openstreetmap or natural-earth).
    static func geodata(_ o: RequestOptions) throws -> GeoDataChoice {
        let set = try o.text("boundaries").map { name in
            guard let b = BoundarySet(rawValue: name) else {
                throw OptionProblem(option: "boundaries", message: "must be openstreetmap or natural-earth, not '\(MessageText.escaped(name))'")
            }
            return b
        } ?? .default
        return GeoDataChoice(folder: try o.text("geodata"), boundaries: set)
    }

    /// The regions incidents are located in: admin1 (the default), admin0, a region file, or a grid.
    static func places(_ o: RequestOptions) throws -> PlaceSource {
        let argument = try o.text("regions") ?? "admin1"
        do {
            return try PlaceSource(argument: argument, keyField: try o.text("region_key") ?? "region_id",
                                   nameField: try o.text("region_name") ?? "region_name", layer: try o.text("region_layer"),
                                   crs: try o.text("regions_crs"))
        } catch let error as FrontierError {
            throw OptionProblem(option: "regions", message: "\(error)")
        }
    }

    /// Distances: `within`, one or several ("25km" or ["10km", "25km"]).
    static func bands(_ o: RequestOptions, required: Bool) throws -> [Distance]? {
        guard let texts = try o.list("within") else {
            if required { throw OptionProblem(option: "within", message: "is missing: the distance, e.g. \"25km\"") }
            return nil
        }
        do { return try Distance.list(parsing: texts.joined(separator: ",")) } catch let error as FrontierError {
            throw OptionProblem(option: "within", message: "\(error)")
        }
    }

    /// Which side of a border: `side` (one country), `any_country`, else the border's two countries.
    static func sides(_ o: RequestOptions) throws -> SideChoice {
        let side = try o.text("side"), any = try o.flag("any_country")
        if side != nil && any { throw OptionProblem(option: "side", message: "and any_country cannot both be given") }
        return side.map(SideChoice.country) ?? (any ? .any : .borderCountries)
    }

    /// `near` (a border) with `within` and the sides: only the incidents in that zone are counted.
    static func nearBorder(_ o: RequestOptions) throws -> NearBorder? {
        guard let border = try o.text("near") else { return nil }
        return NearBorder(border: border, within: try bands(o, required: true) ?? [], sides: try sides(o))
    }

    /// The windows: `window` (required, or `fallback`), `week_start`, and `anchor` (of Nd windows, when `anchors`).
    static func window(_ o: RequestOptions, fallback: String? = nil, anchors: Bool = false) throws -> TimeWindow {
        guard let text = try o.text("window") ?? fallback else {
            throw OptionProblem(option: "window", message: "is missing: day, week, month, quarter, year, all or Nd")
        }
        let anchor = anchors ? try date(o, "anchor") : nil
        do { return try TimeWindow(parsing: text, weekStart: try o.text("week_start") ?? "monday", anchor: anchor) } catch let error as FrontierError {
            throw OptionProblem(option: "window", message: "\(error)")
        }
    }

    /// How an incident dated by a range of days counts: start (the default), exclude or spread.
    static func datePrecision(_ o: RequestOptions) throws -> DatePrecision {
        guard let text = try o.text("date_precision") else { return .start }
        guard let p = DatePrecision(rawValue: text) else {
            throw OptionProblem(option: "date_precision", message: "must be start, exclude or spread, not '\(MessageText.escaped(text))'")
        }
        return p
    }

    static func date(_ o: RequestOptions, _ key: String) throws -> CivilDate? {
        guard let text = try o.text(key) else { return nil }
        guard case .success(let date) = CivilDate.parse(Substring(text)) else {
            throw OptionProblem(option: key, message: "takes a date as yyyy-mm-dd, not '\(MessageText.escaped(text))'")
        }
        return date
    }
}

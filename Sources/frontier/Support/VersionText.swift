import Frontier

/// `frontier --version`: the build's version, then where its data and libraries come from, the three facts a
/// bug report needs. The GeoData line says where the folder was found or, when none was, every path tried and
/// how to name one; `--version` still succeeds then, since it is how a user finds out why.
enum VersionText {
    static let text: String = {
        let report = VersionReport()
        let geoData: String
        switch report.geoData {
        case .success(let location): geoData = "\(MessageText.escaped(location.root.path)) (\(GeoDataOptions.words(for: location.foundBy)))"
        case .failure(let error as FrontierError): geoData = "none: " + (GeoDataOptions.hint(for: error) ?? "\(error)")
        case .failure(let error): geoData = "none: \(error)"
        }
        return """
        frontier \(report.version)
        GeoData: \(geoData)
        libraries: \(report.librariesLine)
        """
    }()
}

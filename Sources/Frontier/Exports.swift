// The library a caller imports: `import Frontier` brings every layer's public declarations, so a program needs
// one import whatever layer a type lives in (the layers are listed in the README's layout table).
@_exported import FrontierBase
@_exported import FrontierFormats
@_exported import FrontierPlaces
@_exported import FrontierTables
@_exported import FrontierGeoPackage
@_exported import FrontierPostGIS
@_exported import FrontierScan
@_exported import FrontierAnalyses
@_exported import FrontierReport
@_exported import FrontierSynth
@_exported import FrontierGeoDataBuild
@_exported import Geo

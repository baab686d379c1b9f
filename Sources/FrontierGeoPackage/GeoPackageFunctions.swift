import CSQLite
import FrontierBase
import FrontierFormats

/// The SQL functions the GeoPackage R-tree triggers call (ST_IsEmpty, ST_MinX, ST_MaxX, ST_MinY, ST_MaxY),
/// registered on Frontier's own writing connection. GDAL and QGIS register theirs; with these, the same
/// triggers keep the spatial index right whoever writes the table, Frontier included.
enum GeoPackageFunctions {
    private enum Function: Int, CaseIterable {
        case isEmpty = 1, minX, maxX, minY, maxY
        var name: String { ["ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"][rawValue - 1] }
    }

    static func register(on db: SQLiteDatabase) throws {
        for function in Function.allCases {
            let rc = sqlite3_create_function_v2(db.handle, function.name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                                UnsafeMutableRawPointer(bitPattern: function.rawValue), { context, count, values in
                guard let context, count == 1, let values, let value = values[0],
                      let function = Function(rawValue: Int(bitPattern: sqlite3_user_data(context))) else { return }
                // NULL in, NULL out (the triggers test for NULL themselves).
                guard sqlite3_value_type(value) == SQLITE_BLOB, let bytes = sqlite3_value_blob(value) else {
                    return sqlite3_result_null(context)
                }
                let blob = UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_value_bytes(value)))
                if function == .isEmpty { return sqlite3_result_int(context, GeoPackageBinary.isEmpty(blob) ? 1 : 0) }
                guard let box = GeoPackageBinary.box(of: blob) else { return sqlite3_result_null(context) }
                switch function {
                case .minX: sqlite3_result_double(context, box.minX)
                case .maxX: sqlite3_result_double(context, box.maxX)
                case .minY: sqlite3_result_double(context, box.minY)
                case .maxY: sqlite3_result_double(context, box.maxY)
                case .isEmpty: break
                }
            }, nil, nil, nil)
            guard rc == SQLITE_OK else {
                throw FrontierError.invalid(file: db.name, reason: "cannot register the SQL function \(function.name) (SQLite code \(rc))")
            }
        }
    }

    /// The GeoPackage 1.2 R-tree triggers for `incidents.geom` (fid), created when missing (stores written
    /// before them get them at their next import).
    static let rtreeTriggers = rtreeInsertTrigger + rtreeUpdateAndDeleteTriggers

    static let rtreeInsertTrigger = """
        CREATE TRIGGER IF NOT EXISTS rtree_incidents_geom_insert AFTER INSERT ON incidents
          WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
        BEGIN
          INSERT OR REPLACE INTO rtree_incidents_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
        END;

        """

    static let rtreeUpdateAndDeleteTriggers = """
        CREATE TRIGGER IF NOT EXISTS rtree_incidents_geom_update1 AFTER UPDATE OF geom ON incidents
          WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
        BEGIN
          INSERT OR REPLACE INTO rtree_incidents_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
        END;
        CREATE TRIGGER IF NOT EXISTS rtree_incidents_geom_update2 AFTER UPDATE OF geom ON incidents
          WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
        BEGIN
          DELETE FROM rtree_incidents_geom WHERE id = OLD.fid;
        END;
        CREATE TRIGGER IF NOT EXISTS rtree_incidents_geom_update3 AFTER UPDATE ON incidents
          WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
        BEGIN
          DELETE FROM rtree_incidents_geom WHERE id = OLD.fid;
          INSERT OR REPLACE INTO rtree_incidents_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
        END;
        CREATE TRIGGER IF NOT EXISTS rtree_incidents_geom_update4 AFTER UPDATE ON incidents
          WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
        BEGIN
          DELETE FROM rtree_incidents_geom WHERE id IN (OLD.fid, NEW.fid);
        END;
        CREATE TRIGGER IF NOT EXISTS rtree_incidents_geom_delete AFTER DELETE ON incidents
          WHEN old.geom NOT NULL
        BEGIN
          DELETE FROM rtree_incidents_geom WHERE id = OLD.fid;
        END;

        """
}

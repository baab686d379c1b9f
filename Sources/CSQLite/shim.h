// The system SQLite, used to read and write GeoPackage files.
#include <sqlite3.h>

/// Turns the connection's triggers off (0) or on (1): `sqlite3_db_config` is variadic, which Swift cannot call.
/// A new store is filled with its R-tree trigger off (the R-tree is packed after the rows), statements prepared
/// meanwhile carry no trigger program. Returns SQLite's result code.
static inline int frontier_sqlite3_enable_triggers(sqlite3 *db, int enable) {
    int now = 0;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, enable, &now);
}

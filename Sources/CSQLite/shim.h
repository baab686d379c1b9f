// The system SQLite, used to read and write GeoPackage files.
#include <sqlite3.h>

// libpq, PostgreSQL's client library: the PostGIS table a team shares (Frontier/PostGIS only).
#include <libpq-fe.h>

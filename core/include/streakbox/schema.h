// The database schema and its migrations, tracked in PRAGMA user_version.
//
// Migrate() brings a database at any older version up to kSchemaVersion in one
// transaction per step; a database newer than this build is refused with
// kInvalidArgument so an old app never writes into a newer schema.
#pragma once

#include "streakbox/database.h"

namespace streakbox {

constexpr int kSchemaVersion = 4;

// PRAGMA application_id of a Streakbox database ('STBX'), set by migration 2.
constexpr int kApplicationId = 0x53544258;

// Sets the connection options every Streakbox connection uses (foreign keys on).
Status ConfigureConnection(Database& db);

// Reads PRAGMA user_version.
Result<int> SchemaVersion(Database& db);

// Creates or upgrades the schema to `target` (default: this build's version),
// one transaction per step. Idempotent. A lower target is how the database-file
// restore builds the reference schema an older file is checked against
// (database_image.h); REQUIRES: 0 <= target <= kSchemaVersion (kInternal otherwise).
Status Migrate(Database& db, int target = kSchemaVersion);

}  // namespace streakbox

// Internal: ValidateBackup is declared in streakbox/backup_import.h.
#pragma once
#include "streakbox/backup_import.h"

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "rateLimit";
PRAGMA foreign_keys=on;


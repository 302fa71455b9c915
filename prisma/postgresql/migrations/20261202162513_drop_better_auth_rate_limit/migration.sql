-- DropTable
DROP TABLE "rateLimit";


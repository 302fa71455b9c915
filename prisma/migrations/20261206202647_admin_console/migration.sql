-- AlterTable
ALTER TABLE "user" ADD COLUMN "lastSignInAt" DATETIME;

-- CreateIndex
CREATE INDEX "user_createdAt_idx" ON "user"("createdAt");


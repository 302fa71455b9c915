-- AlterTable
ALTER TABLE "user" ADD COLUMN     "lastSignInAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "user_createdAt_idx" ON "user"("createdAt");


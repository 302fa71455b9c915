-- AlterTable
ALTER TABLE "verification" ADD COLUMN "emailTag" TEXT;

-- CreateIndex
CREATE INDEX "verification_emailTag_idx" ON "verification"("emailTag");

